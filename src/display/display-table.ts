import { InputError } from '../errors.js';
import { type Displayable, displayable } from './mime-bundle.js';
import { type DisplayTable, htmlTable, textTable } from '../report/table-text.js';

export interface TableOptions {
  readonly title?: string;
  /** Columns to show, in order; default the keys of the rows, in first-seen order. */
  readonly columns?: readonly string[];
  /** Decimals of non-integer numbers. Default 4. */
  readonly digits?: number;
}

function cellText(v: unknown, digits: number): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(digits);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/**
 * Any row objects as a displayable table (text/plain and text/html), e.g. a slice of a result.
 * @throws InputError E_EMPTY_INPUT (no rows)
 * @example
 * display.table([{ alpha: 0, accuracy: 0.61 }, { alpha: 0.1, accuracy: 0.66 }], { title: 'FairFront' });
 */
export function table(
  rows: readonly Readonly<Record<string, unknown>>[],
  options: TableOptions = {},
): Displayable {
  if (rows.length === 0)
    throw new InputError('E_EMPTY_INPUT', 'a table needs at least one row', { option: 'rows' });
  const digits = options.digits ?? 4;
  const columns = options.columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const t: DisplayTable = {
    ...(options.title !== undefined ? { title: options.title } : {}),
    columns,
    rows: rows.map((r) => columns.map((c) => cellText(r[c], digits))),
  };
  return displayable({ 'text/plain': textTable(t), 'text/html': htmlTable(t) });
}
