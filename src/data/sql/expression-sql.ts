import type { MathNode } from 'mathjs';
import { InputError } from '../../errors.js';
import type { ExpressionNames } from '../expression-names.js';
import { bindExpression, columnIndexOfSymbol, parseRowExpression } from '../expressions.js';
import { type DialectSyntax, booleanLiteral, functionName, numberLiteral } from './dialect.js';

/**
 * Translates the row expressions of `--derive` and `--filter` (mathjs syntax, src/data/expressions.ts) into SQL,
 * for the subset that has one meaning in both: numbers, texts, column names, + - * / ^, comparisons,
 * and / or / not, the conditional `c ? a : b`, floor, ceil, abs, sqrt, exp, log, days(from, to) and isna(x).
 * The missing-value rule is mathjs's: a missing value is NaN, so every comparison with it is false except `!=`,
 * which is true; arithmetic on it gives NULL (NaN), which makes a derived value missing.
 */

/** A translated fragment: SQL text and what it evaluates to. */
export type SqlValue =
  | { readonly kind: 'number' | 'bool' | 'text'; readonly sql: string }
  /** A column: its normalized text and its numeric view (NULL when the text is not a number). */
  | { readonly kind: 'column'; readonly text: string; readonly number: string };

export interface ExpressionScope {
  /** The names expressions may use (columns and earlier derived columns). */
  readonly names: ExpressionNames;
  /** The SQL value of a column or an earlier derived column, by its exact name. */
  resolve(column: string): SqlValue;
}

/** Constants with the value mathjs gives them. */
const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['e', Math.E],
  ['E', Math.E],
  ['pi', Math.PI],
  ['PI', Math.PI],
  ['tau', 2 * Math.PI],
  ['LN2', Math.LN2],
  ['LN10', Math.LN10],
  ['LOG2E', Math.LOG2E],
  ['LOG10E', Math.LOG10E],
  ['SQRT1_2', Math.SQRT1_2],
  ['SQRT2', Math.SQRT2],
]);

const COMPARISONS: Readonly<Record<string, string>> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=' };
const ARITHMETIC: Readonly<Record<string, string>> = { '+': '+', '-': '-', '*': '*', '/': '/' };
const UNARY_FUNCTIONS: Readonly<Record<string, string>> = {
  floor: 'FLOOR',
  ceil: 'CEIL',
  abs: 'ABS',
  sqrt: 'SQRT',
  exp: 'EXP',
  log: 'LN',
};

/**
 * Translates one expression.
 * @throws InputError E_BAD_EXPRESSION naming the construct that has no SQL translation
 */
export function expressionToSql(
  text: string,
  scope: ExpressionScope,
  dialect: DialectSyntax,
  option: string,
): SqlValue {
  const bound = bindExpression(parseRowExpression(text, option), scope.names, option);
  const root: MathNode = bound.node;
  const unsupported = (what: string): never => {
    throw new InputError(
      'E_BAD_EXPRESSION',
      `expression "${text}" uses ${what}, which has no SQL translation (use the in-process engine, or derive the column in your own SQL)`,
      { option },
    );
  };
  const T = booleanLiteral(dialect, true);
  const F = booleanLiteral(dialect, false);
  const asNumber = (v: SqlValue): string => {
    if (v.kind === 'column') return v.number;
    if (v.kind === 'number') return v.sql;
    if (v.kind === 'bool') return `(CASE WHEN ${v.sql} THEN 1e0 ELSE 0e0 END)`;
    return unsupported('a text where a number is needed');
  };
  const asBool = (v: SqlValue): string => {
    if (v.kind === 'bool') return v.sql;
    // mathjs: a number is true when non-zero; NaN (missing) is false.
    return `COALESCE(${asNumber(v)} <> 0e0, ${F})`;
  };
  const asText = (v: SqlValue): string =>
    v.kind === 'column' ? v.text : v.kind === 'text' ? v.sql : unsupported('a number compared with a text');
  const compare = (op: '==' | '!=', a: SqlValue, b: SqlValue): SqlValue => {
    // Texts compare as texts when either side is a text constant (src/data/expressions.ts textEqual).
    const isText = a.kind === 'text' || b.kind === 'text';
    const x = isText ? asText(a) : asNumber(a);
    const y = isText ? asText(b) : asNumber(b);
    return op === '=='
      ? { kind: 'bool', sql: `COALESCE(${x} = ${y}, ${F})` }
      : { kind: 'bool', sql: `COALESCE(${x} <> ${y}, ${T})` };
  };
  const visit = (node: MathNode): SqlValue => {
    switch (node.type) {
      case 'ParenthesisNode':
        return visit((node as MathNode & { content: MathNode }).content);
      case 'ConstantNode': {
        const value = (node as MathNode & { value: unknown }).value;
        if (typeof value === 'number') {
          if (!Number.isFinite(value)) return unsupported(`the constant ${value}`);
          return {
            kind: 'number',
            sql: value < 0 ? `(${numberLiteral(dialect, value)})` : numberLiteral(dialect, value),
          };
        }
        if (typeof value === 'string') return { kind: 'text', sql: dialect.text(value) };
        if (typeof value === 'boolean') return { kind: 'bool', sql: value ? T : F };
        return unsupported(`the constant ${String(value)}`);
      }
      case 'SymbolNode': {
        const name = (node as MathNode & { name: string }).name;
        const j = columnIndexOfSymbol(name);
        if (j !== undefined) return scope.resolve(bound.columns[j]);
        const constant = CONSTANTS.get(name);
        if (constant !== undefined) return { kind: 'number', sql: numberLiteral(dialect, constant) };
        return unsupported(`the constant ${name}`);
      }
      case 'ConditionalNode': {
        const c = node as MathNode & { condition: MathNode; trueExpr: MathNode; falseExpr: MathNode };
        const a = visit(c.trueExpr);
        const b = visit(c.falseExpr);
        return {
          kind: 'number',
          sql: `(CASE WHEN ${asBool(visit(c.condition))} THEN ${asNumber(a)} ELSE ${asNumber(b)} END)`,
        };
      }
      case 'FunctionNode': {
        const f = node as MathNode & { fn: { name?: string }; args: MathNode[] };
        const name = f.fn.name ?? '?';
        if ((name === 'textEqual' || name === 'textUnequal') && f.args.length === 2)
          return compare(name === 'textEqual' ? '==' : '!=', visit(f.args[0]), visit(f.args[1]));
        if (name === 'days' && f.args.length === 2)
          return {
            kind: 'number',
            sql: `(${dialect.daysBetween(asText(visit(f.args[0])), asText(visit(f.args[1])))})`,
          };
        if (name === 'isna' && f.args.length === 1) {
          const v = visit(f.args[0]);
          return { kind: 'bool', sql: `(${v.kind === 'column' ? v.number : asNumber(v)} IS NULL)` };
        }
        const sqlName = UNARY_FUNCTIONS[name];
        if (sqlName && f.args.length === 1)
          // In parentheses: the Spark grammar of the tests (dt-sql-parser) misreads `(a - f(b))`.
          return {
            kind: 'number',
            sql: `(${functionName(dialect, sqlName)}(${asNumber(visit(f.args[0]))}))`,
          };
        return unsupported(`the function ${name}(${f.args.length} arguments)`);
      }
      case 'OperatorNode': {
        const o = node as MathNode & { op: string; fn: string; args: MathNode[] };
        const args = o.args.map(visit);
        if (o.args.length === 1) {
          if (o.fn === 'unaryMinus') return { kind: 'number', sql: `(-${asNumber(args[0])})` };
          if (o.fn === 'unaryPlus') return { kind: 'number', sql: asNumber(args[0]) };
          if (o.op === 'not') return { kind: 'bool', sql: `(NOT ${asBool(args[0])})` };
          return unsupported(`the operator ${o.op}`);
        }
        const [a, b] = args;
        if (o.op === 'and' || o.op === 'or')
          return { kind: 'bool', sql: `(${asBool(a)} ${o.op.toUpperCase()} ${asBool(b)})` };
        if (COMPARISONS[o.op])
          return { kind: 'bool', sql: `COALESCE(${asNumber(a)} ${COMPARISONS[o.op]} ${asNumber(b)}, ${F})` };
        if (ARITHMETIC[o.op])
          return { kind: 'number', sql: `(${asNumber(a)} ${ARITHMETIC[o.op]} ${asNumber(b)})` };
        if (o.op === '^')
          return { kind: 'number', sql: `${functionName(dialect, 'POWER')}(${asNumber(a)}, ${asNumber(b)})` };
        return unsupported(`the operator ${o.op}`);
      }
      default:
        return unsupported(`a ${node.type}`);
    }
  };
  return visit(root);
}

/** The SQL numeric value of a translated fragment (derived columns are numbers). */
export function sqlNumber(v: SqlValue): string {
  if (v.kind === 'column') return v.number;
  if (v.kind === 'number') return v.sql;
  if (v.kind === 'bool') return `(CASE WHEN ${v.sql} THEN 1e0 ELSE 0e0 END)`;
  throw new InputError('E_BAD_EXPRESSION', 'a derived column must be a number or a truth value, not a text');
}

/** The SQL truth value of a translated filter. */
export function sqlBool(v: SqlValue, dialect?: DialectSyntax): string {
  if (v.kind === 'bool') return v.sql;
  return `COALESCE(${sqlNumber(v)} <> 0e0, ${dialect ? booleanLiteral(dialect, false) : 'FALSE'})`;
}
