import { all, create, type MathNode } from 'mathjs';
import { InputError } from '../errors.js';

/**
 * Row expressions for derived columns (`--derive NAME=EXPR`) and row filters (`--filter EXPR`), parsed and
 * evaluated by mathjs's expression parser (never JavaScript eval). Each row's columns are variables: numbers
 * where the field is numeric, texts otherwise, NaN where the value is missing (so, as in pandas, comparisons with
 * a missing value are false). A column whose name is not an identifier is reachable with its non-word
 * characters replaced by "_" (`education-num` -> `education_num`).
 *
 * Extra functions: `days(from, to)` (days between two ISO dates or date-times, fractional, UTC, no time zone
 * games), `isna(x)`. `==` and `!=` compare texts as texts (mathjs would convert them to numbers).
 */

const math = create(all);
const parseExpression = math.parse;
const compileNode = (node: MathNode) => node.compile();

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?Z?$/;
const MS_PER_DAY = 86_400_000;

/** Milliseconds since 1970 of an ISO date or date-time read as UTC; NaN when missing or not a date. */
export function parseIsoDate(value: unknown): number {
  if (typeof value !== 'string') return Number.NaN;
  const m = ISO_DATE.exec(value.trim());
  if (!m) return Number.NaN;
  const ms = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0) + ms;
  const d = new Date(t);
  // Date.UTC rolls 2013-02-30 over to March: refuse such dates instead.
  if (d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3])
    return Number.NaN;
  return t;
}

/** Days from `from` to `to` (fractional; negative when `to` is earlier). NaN if either is not a date. */
export function daysBetween(from: unknown, to: unknown): number {
  return (parseIsoDate(to) - parseIsoDate(from)) / MS_PER_DAY;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) === Number(b);
  return typeof a === typeof b && a === b;
}

math.import(
  {
    days: daysBetween,
    isna: (x: unknown) => x === null || (typeof x === 'number' && Number.isNaN(x)),
    textEqual: (a: unknown, b: unknown) => sameValue(a, b),
    textUnequal: (a: unknown, b: unknown) => !sameValue(a, b),
  },
  { override: true },
);
// mathjs's security advice: disable the functions that reach the parser or create units from expressions.
const disabled = (name: string) => () => {
  throw new Error(`function ${name} is disabled in fairlimit expressions`);
};
math.import(
  Object.fromEntries(
    [
      'import',
      'createUnit',
      'evaluate',
      'parse',
      'compile',
      'simplify',
      'derivative',
      'resolve',
      'reviver',
    ].map((n) => [n, disabled(n)]),
  ),
  { override: true },
);

/** Symbol under which a column is visible in expressions. */
export function expressionSymbol(columnName: string): string {
  const s = columnName.replace(/\W/g, '_');
  return /^\d/.test(s) ? `_${s}` : s;
}

export type ExpressionValue = number | string;

export interface CompiledExpression {
  readonly text: string;
  /** Symbols the expression reads (column symbols; function names excluded). */
  readonly symbols: readonly string[];
  evaluate(scope: Record<string, unknown>): ExpressionValue;
}

/**
 * Parses one expression; `==`/`!=` become text-aware comparisons.
 * @throws InputError E_BAD_EXPRESSION naming the option
 */
export function compileExpression(text: string, option: string): CompiledExpression {
  let node: MathNode;
  try {
    node = parseExpression(text);
  } catch (e) {
    throw new InputError(
      'E_BAD_EXPRESSION',
      `cannot parse expression "${text}": ${(e as Error).message}`,
      { option },
      { cause: e },
    );
  }
  node = node.transform((n) => {
    if (n.type === 'OperatorNode') {
      const op = n as MathNode & { op: string; args: MathNode[] };
      if (op.op === '==' || op.op === '!=')
        return new math.FunctionNode(
          new math.SymbolNode(op.op === '==' ? 'textEqual' : 'textUnequal'),
          op.args,
        );
    }
    if (n.type === 'AssignmentNode' || n.type === 'FunctionAssignmentNode')
      throw new InputError('E_BAD_EXPRESSION', `assignments are not allowed in expressions ("${text}")`, {
        option,
      });
    return n;
  });
  const symbols = new Set<string>();
  node.traverse((n, path, parent) => {
    if (n.type === 'SymbolNode' && !(parent?.type === 'FunctionNode' && path === 'fn'))
      symbols.add((n as MathNode & { name: string }).name);
  });
  const code = compileNode(node);
  return {
    text,
    symbols: [...symbols],
    evaluate(scope) {
      const v: unknown = code.evaluate({ ...scope });
      if (typeof v === 'number' || typeof v === 'string') return v;
      if (typeof v === 'boolean') return v ? 1 : 0;
      throw new Error(`the result is not a number, a truth value or a text (${math.typeOf(v)})`);
    },
  };
}

export interface DerivedColumn {
  readonly name: string;
  readonly expression: CompiledExpression;
}

const DERIVE_PATTERN = /^\s*([A-Za-z_]\w*)\s*=(?!=)([\s\S]*)$/;

/**
 * Parses `NAME=EXPR` (a derived column).
 * @throws InputError E_BAD_EXPRESSION
 */
export function parseDerivedColumn(spec: string, option = '--derive'): DerivedColumn {
  const m = DERIVE_PATTERN.exec(spec);
  if (!m || m[2].trim() === '')
    throw new InputError('E_BAD_EXPRESSION', `a derived column is NAME=EXPRESSION, got "${spec}"`, {
      option,
    });
  return { name: m[1], expression: compileExpression(m[2].trim(), option) };
}
