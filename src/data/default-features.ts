import type { RawValue } from './raw-frame.js';

/**
 * Why a column is not a default feature. Each is a column a person would not put in a cell key unasked: it
 * identifies the row, it carries no information, or it is not a value the frontier can condition on as it is.
 */
export const LeftOutReason = {
  /** One value per row (an id, a name, a case number): every row its own cell. */
  identifier: 'identifier',
  /** One value in every row, or no value at all. */
  constant: 'constant',
  /** Dates or times: one level per day, not a feature until derived into one (e.g. a duration). */
  date: 'date',
  /** Text with many distinct values (names, descriptions): as categories, a near-empty cell per value. */
  text: 'text',
  /** Missing in some rows: as a default feature it would make those rows unusable. */
  missing: 'missing',
} as const;
export type LeftOutReason = keyof typeof LeftOutReason;

export interface LeftOutColumn {
  readonly column: string;
  readonly reason: LeftOutReason;
  /** The evidence in words, e.g. "7214 distinct values in 7214 rows". */
  readonly detail: string;
}

/** The default feature choice: the columns used, in input order, and the others with their reason. */
export interface DefaultFeatures {
  readonly features: readonly string[];
  readonly leftOut: readonly LeftOutColumn[];
}

/** A candidate column: its name and its values (null = missing). */
export interface CandidateColumn {
  readonly name: string;
  readonly values: readonly RawValue[];
}

/**
 * Text columns with more distinct values than this are free text, not categories: a category with hundreds of
 * levels splits the rows into cells too small to estimate a rate in (Adult's largest category has 42 levels).
 */
export const MAX_TEXT_LEVELS = 100;

/** A text column with more than this share of distinct values among its rows is free text (names, notes). */
export const MAX_TEXT_DISTINCT_SHARE = 0.5;

/**
 * A column whose distinct values cover at least this share of its rows identifies them (COMPAS's `name` column:
 * 7158 values in 7214 rows, a few people screened twice).
 */
export const IDENTIFIER_DISTINCT_SHARE = 0.9;

/**
 * Below this many rows a column's distinct share says little (a 10-row table has 10 distinct ages), so only a
 * name that says "id" or a constant column is left out there.
 */
export const MIN_ROWS_FOR_SHARE_RULES = 50;

/** A column is dates when at least this share of its present values reads as a date or a date-time. */
export const DATE_SHARE = 0.95;

// ISO dates and date-times (2013-08-14, 2013-08-13 06:03:42, 2013-08-13T06:03:42Z) and d/m/y or m/d/y dates.
const DATE_PATTERN =
  /^(\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}( \d{1,2}:\d{2}(:\d{2})?)?)$/;

// Names that say "this column identifies the row": id, ID, user_id, customerId, row-key, uuid, index. Case matters
// only for camelCase ("customerId", "rowID"), so that "paid", "valid" or "grid" are not ids.
const IDENTIFIER_NAME = /(^|[_\s.-])(id|uuid|guid|key|index|idx)$|^(id|uuid|guid)[_\s.-]/i;
const CAMEL_IDENTIFIER_NAME = /[a-z](Id|ID|Key|Index|Uuid|UUID)$/;

const text = (v: RawValue): string => (typeof v === 'string' ? v : String(v));

/**
 * Chooses the default features among candidate columns (the columns without another role): every column except
 * identifiers, constants, dates, free text and columns with a missing value, each of which is returned with its
 * reason. Decided on the values alone, in one pass per column; the caller lists the candidates in input order.
 * @example
 * const { features, leftOut } = defaultFeatures([{ name: 'id', values: [1, 2, 3] }, { name: 'age', values: [30, 41, 30] }]);
 * // features: ['age']; leftOut: [{ column: 'id', reason: 'identifier', detail: '3 distinct values in 3 rows, and its name says id' }]
 */
export function defaultFeatures(candidates: readonly CandidateColumn[]): DefaultFeatures {
  const features: string[] = [];
  const leftOut: LeftOutColumn[] = [];
  for (const c of candidates) {
    const why = leftOutReason(c);
    if (why) leftOut.push({ column: c.name, ...why });
    else features.push(c.name);
  }
  return { features, leftOut };
}

/** The reason a column is not a default feature, or undefined when it is one (reasons checked in a fixed order). */
function leftOutReason(c: CandidateColumn): { reason: LeftOutReason; detail: string } | undefined {
  const distinct = new Set<string>();
  let nPresent = 0;
  let nText = 0;
  let nDates = 0;
  let isInteger = true;
  for (const v of c.values) {
    if (v === null) continue;
    nPresent++;
    distinct.add(text(v));
    if (typeof v === 'string') {
      nText++;
      if (DATE_PATTERN.test(v)) nDates++;
    } else if (typeof v === 'number' && !Number.isInteger(v)) isInteger = false;
  }
  const nMissing = c.values.length - nPresent;
  const nDistinct = distinct.size;
  const rowsWord = (n: number) => `${n} row${n === 1 ? '' : 's'}`;
  if (nDistinct <= 1)
    return {
      reason: 'constant',
      detail: nDistinct === 0 ? 'no value in any row' : `the one value "${[...distinct][0]}" in every row`,
    };
  if (nText > 0 && nDates >= DATE_SHARE * nPresent)
    return { reason: 'date', detail: `values like "${firstText(c.values)}"` };
  const isAllDistinct = nDistinct === nPresent;
  const hasIdName = IDENTIFIER_NAME.test(c.name) || CAMEL_IDENTIFIER_NAME.test(c.name);
  const isLarge = nPresent >= MIN_ROWS_FOR_SHARE_RULES;
  // Numbers identify rows only when whole and all distinct: a measured quantity is often distinct in every row.
  const isTextual = nText === nPresent;
  if (
    (hasIdName && isAllDistinct && (isTextual || isInteger)) ||
    (isLarge &&
      ((isTextual && nDistinct >= IDENTIFIER_DISTINCT_SHARE * nPresent) ||
        (!isTextual && isInteger && isAllDistinct && isRowCounter(c.values))))
  )
    return {
      reason: 'identifier',
      detail: `${nDistinct} distinct values in ${rowsWord(nPresent)}${hasIdName ? ', and its name says id' : ''}`,
    };
  if (
    isTextual &&
    (nDistinct > MAX_TEXT_LEVELS || (isLarge && nDistinct > MAX_TEXT_DISTINCT_SHARE * nPresent))
  )
    return { reason: 'text', detail: `${nDistinct} distinct texts in ${rowsWord(nPresent)}` };
  if (nMissing > 0) return { reason: 'missing', detail: `missing in ${rowsWord(nMissing)}` };
  return undefined;
}

/** Numbers in strictly increasing (or decreasing) row order, as a row number or an auto-increment key runs. */
function isRowCounter(values: readonly RawValue[]): boolean {
  let previous: number | undefined;
  let direction = 0;
  for (const v of values) {
    if (v === null) continue;
    const x = v as number;
    if (previous !== undefined) {
      const d = Math.sign(x - previous);
      if (d === 0 || (direction !== 0 && d !== direction)) return false;
      direction = d;
    }
    previous = x;
  }
  return true;
}

function firstText(values: readonly RawValue[]): string {
  for (const v of values) if (typeof v === 'string') return v;
  return '';
}

/** The reasons in words, for text output: "identifier" -> "identifies the row". */
export const LEFT_OUT_WORDS: Readonly<Record<LeftOutReason, string>> = {
  identifier: 'identifies the row',
  constant: 'constant',
  date: 'dates',
  text: 'free text',
  missing: 'has missing values',
};
