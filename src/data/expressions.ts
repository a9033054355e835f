import type * as MathJs from 'mathjs';
import type { FactoryFunctionMap, MathJsInstance, MathNode } from 'mathjs';
import { InputError, InternalError } from '../errors.js';
import { type ExpressionNames, type NameReference, expressionSymbol } from './expression-names.js';

/**
 * Row expressions for derived columns (`--derive NAME=EXPR`) and row filters (`--filter EXPR`), parsed and
 * evaluated by mathjs's expression parser (never JavaScript eval). Each row's columns are variables: numbers
 * where the field is numeric, texts otherwise, NaN where the value is missing (so, as in pandas, comparisons with
 * a missing value are false). Names follow `ExpressionNames`: bare names or any column in backquotes.
 *
 * Only what row formulas need is allowed (see docs/expressions.md): numbers, texts, truth values, arithmetic
 * (+ - * / ^ %), comparisons, and / or / xor / not, `c ? a : b`, the math functions below, `days(from, to)`
 * (days between two ISO dates or date-times, fractional, UTC) and `isna(x)`. No matrices, units, assignments,
 * property access, random numbers or configuration: the evaluator is a private mathjs instance built from
 * these functions only, and the parsed tree is checked against this list before it is compiled, so the same
 * expression always gives the same value and its cost is linear in its (capped) size.
 */

/** Longest accepted expression text: bounds parse time and tree depth (mathjs parses and compiles recursively). */
export const MAX_EXPRESSION_CHARS = 4000;
/** Deepest accepted tree (nested parentheses or operators). */
export const MAX_EXPRESSION_DEPTH = 1000;

/** The mathjs functions a row expression can reach (each as its `...Dependencies` factory). */
const MATH_FUNCTIONS = [
  'LN10',
  'LN2',
  'LOG10E',
  'LOG2E',
  'SQRT1_2',
  'SQRT2',
  'Infinity',
  'abs',
  'acos',
  'add',
  'and',
  'asin',
  'atan2',
  'atan',
  'cbrt',
  'ceil',
  'cos',
  'cosh',
  'divide',
  'e',
  'equal',
  'exp',
  'expm1',
  'fix',
  'floor',
  'larger',
  'largerEq',
  'log10',
  'log1p',
  'log2',
  'log',
  'max',
  'min',
  'mod',
  'multiply',
  'not',
  'or',
  'parse',
  'phi',
  'pi',
  'pow',
  'round',
  'sign',
  'sin',
  'sinh',
  'smaller',
  'smallerEq',
  'sqrt',
  'subtract',
  'tan',
  'tanh',
  'tau',
  'typeOf',
  'unaryMinus',
  'unaryPlus',
  'unequal',
  'xor',
  'NaN',
] as const;

type MathJsModule = typeof MathJs;
let mathModule: MathJsModule | undefined;
let mathInstanceCache: MathJsInstance | undefined;

/** `process.getBuiltinModule` (Node >= 20.16): reaches `node:module` without a static Node import. */
const nodeBuiltin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
  ?.getBuiltinModule;

/**
 * mathjs, loaded on first use: it is the costliest module of the package to load (docs/performance.md,
 * Start-up) and only `--derive`, `--filter` and the SQL translation parse expressions. In Node it is required
 * synchronously, so the readers stay synchronous; elsewhere (a browser bundle) `loadExpressionEngine()` must
 * have run first, and it is started when this module loads.
 */
function loadMathjs(): MathJsModule {
  if (mathModule) return mathModule;
  if (nodeBuiltin) {
    const { createRequire } = nodeBuiltin('node:module') as {
      createRequire(url: string): (id: string) => unknown;
    };
    mathModule = createRequire(import.meta.url)('mathjs') as MathJsModule;
    return mathModule;
  }
  throw new InternalError(
    'E_INTERNAL',
    'row expressions need mathjs, which is still loading: await loadExpressionEngine() before using them',
  );
}

/** Loads the expression engine (mathjs) asynchronously; needed before row expressions outside Node. */
export async function loadExpressionEngine(): Promise<void> {
  mathModule ??= (await import('mathjs')) as MathJsModule;
}
if (!nodeBuiltin) loadExpressionEngine().catch(() => undefined);

/** The private mathjs instance built from `MATH_FUNCTIONS` and the row helpers only (see the module comment). */
function mathInstance(): MathJsInstance {
  if (mathInstanceCache) return mathInstanceCache;
  const mathjs = loadMathjs() as unknown as Record<string, FactoryFunctionMap> & MathJsModule;
  const factories: Record<string, FactoryFunctionMap> = {};
  for (const name of MATH_FUNCTIONS) factories[`${name}Dependencies`] = mathjs[`${name}Dependencies`];
  const math = mathjs.create(factories);
  math.import(
    {
      days: daysBetween,
      isna: (x: unknown) => x === null || (typeof x === 'number' && Number.isNaN(x)),
      textEqual: (a: unknown, b: unknown) => sameValue(a, b),
      textUnequal: (a: unknown, b: unknown) => !sameValue(a, b),
    },
    { override: true },
  );
  mathInstanceCache = math;
  return math;
}

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

/** Functions an expression may call, with their argument counts (min, max). */
const FUNCTIONS: ReadonlyMap<string, readonly [number, number]> = new Map<string, readonly [number, number]>([
  ...['abs', 'ceil', 'floor', 'fix', 'sign', 'sqrt', 'cbrt', 'exp', 'expm1', 'log2', 'log10', 'log1p'].map(
    (f) => [f, [1, 1]] as const,
  ),
  ...['sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'isna'].map(
    (f) => [f, [1, 1]] as const,
  ),
  ['log', [1, 2]],
  ['round', [1, 2]],
  ['atan2', [2, 2]],
  ['pow', [2, 2]],
  ['mod', [2, 2]],
  ['days', [2, 2]],
  ['min', [1, 64]],
  ['max', [1, 64]],
]);

/** Operators (mathjs function names) an expression may use. */
const OPERATORS: ReadonlySet<string> = new Set([
  'add',
  'subtract',
  'multiply',
  'divide',
  'pow',
  'mod',
  'unaryMinus',
  'unaryPlus',
  'smaller',
  'larger',
  'smallerEq',
  'largerEq',
  'equal',
  'unequal',
  'and',
  'or',
  'xor',
  'not',
]);

/** Symbol standing for the i-th backquoted name during parsing (mathjs accepts "$" in names). */
const quotedSymbol = (i: number) => `$q${i}$`;
const QUOTED_SYMBOL = /^\$q(\d+)\$$/;
/** Symbol standing for the i-th column an expression reads, once names are resolved. */
export const columnSymbol = (i: number): string => `$c${i}$`;
const COLUMN_SYMBOL = /^\$c(\d+)\$$/;

/** The column index behind a `columnSymbol`, or undefined. */
export function columnIndexOfSymbol(name: string): number | undefined {
  const m = COLUMN_SYMBOL.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** Replaces `` `name` `` (outside string literals) with placeholder symbols; a doubled backquote is one. */
function replaceBackquotes(text: string, option: string): { text: string; quoted: string[] } {
  const quoted: string[] = [];
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== ch) j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '`') {
      let name = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length)
          throw new InputError('E_BAD_EXPRESSION', `unclosed backquote in expression "${text}"`, { option });
        if (text[j] === '`') {
          if (text[j + 1] === '`') {
            name += '`';
            j += 2;
            continue;
          }
          break;
        }
        name += text[j++];
      }
      if (name === '')
        throw new InputError('E_BAD_EXPRESSION', `empty column name \`\` in expression "${text}"`, {
          option,
        });
      out += ` ${quotedSymbol(quoted.length)} `;
      quoted.push(name);
      i = j + 1;
    } else {
      out += ch;
      i++;
    }
  }
  return { text: out, quoted };
}

type Node = MathNode & {
  readonly name?: string;
  readonly fn?: MathNode | string;
  readonly op?: string;
  readonly args?: MathNode[];
  readonly value?: unknown;
};

/** A parsed, checked row expression whose names are not yet resolved. */
export interface ParsedExpression {
  readonly text: string;
  /** Names read, in order of first use; `referenceSymbol(i)` stands for `references[i]` in `node`. */
  readonly references: readonly NameReference[];
  readonly node: MathNode;
}

const referenceSymbol = (i: number) => `$r${i}$`;
const REFERENCE_SYMBOL = /^\$r(\d+)\$$/;

/**
 * Parses one expression and checks it against the allowed constructs (see the module comment).
 * @throws InputError E_BAD_EXPRESSION naming the option and the construct
 */
export function parseRowExpression(text: string, option: string): ParsedExpression {
  const math = mathInstance();
  const bad = (why: string) =>
    new InputError('E_BAD_EXPRESSION', `${why} in expression "${shorten(text)}"`, { option });
  if (text.length > MAX_EXPRESSION_CHARS)
    throw new InputError(
      'E_BAD_EXPRESSION',
      `expression is too long: ${text.length} characters, at most ${MAX_EXPRESSION_CHARS} (derive it in steps, or in your own SQL)`,
      { option },
    );
  const { text: plain, quoted } = replaceBackquotes(text, option);
  let root: MathNode;
  try {
    root = math.parse(plain);
  } catch (e) {
    if (e instanceof RangeError) throw bad(`nesting deeper than ${MAX_EXPRESSION_DEPTH} levels`);
    throw new InputError(
      'E_BAD_EXPRESSION',
      `cannot parse expression "${shorten(text)}": ${(e as Error).message}`,
      { option },
      { cause: e },
    );
  }
  const references: NameReference[] = [];
  const indexOf = new Map<string, number>();
  const reference = (ref: NameReference): number => {
    const key = `${ref.quoted ? 'q' : 'b'}:${ref.name}`;
    let i = indexOf.get(key);
    if (i === undefined) {
      i = references.length;
      indexOf.set(key, i);
      references.push(ref);
    }
    return i;
  };
  // Checked and rebuilt bottom-up with an explicit depth bound (the tree's depth is at most MAX_EXPRESSION_DEPTH).
  const visit = (n: Node, depth: number): MathNode => {
    if (depth > MAX_EXPRESSION_DEPTH) throw bad(`nesting deeper than ${MAX_EXPRESSION_DEPTH} levels`);
    switch (n.type) {
      case 'ConstantNode': {
        const v = n.value;
        if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return n;
        throw bad(`the constant ${String(v)} is not allowed`);
      }
      case 'SymbolNode': {
        const m = QUOTED_SYMBOL.exec(n.name!);
        const ref: NameReference = m
          ? { name: quoted[Number(m[1])], quoted: true }
          : { name: n.name!, quoted: false };
        if (!m && n.name!.includes('$')) throw bad(`the name "${n.name}" is not allowed (use backquotes)`);
        return new math.SymbolNode(referenceSymbol(reference(ref)));
      }
      case 'ParenthesisNode':
        return new math.ParenthesisNode(visit((n as unknown as { content: Node }).content, depth + 1));
      case 'ConditionalNode': {
        const c = n as unknown as { condition: Node; trueExpr: Node; falseExpr: Node };
        return new math.ConditionalNode(
          visit(c.condition, depth + 1),
          visit(c.trueExpr, depth + 1),
          visit(c.falseExpr, depth + 1),
        );
      }
      case 'OperatorNode': {
        const fn = n.fn as string;
        if (!OPERATORS.has(fn)) throw bad(`the operator ${n.op} is not allowed`);
        const args = n.args!.map((a) => visit(a as Node, depth + 1));
        // `==` and `!=` compare texts as texts (mathjs would convert them to numbers).
        if (fn === 'equal' || fn === 'unequal')
          return new math.FunctionNode(
            new math.SymbolNode(fn === 'equal' ? 'textEqual' : 'textUnequal'),
            args,
          );
        return new math.OperatorNode(n.op as never, fn as never, args);
      }
      case 'FunctionNode': {
        const f = n.fn as Node;
        const name = f.type === 'SymbolNode' ? f.name! : undefined;
        const arity = name !== undefined && !name.includes('$') ? FUNCTIONS.get(name) : undefined;
        if (!arity) throw bad(`the function ${name ?? '(computed)'}() is not allowed`);
        const nArgs = n.args!.length;
        if (nArgs < arity[0] || nArgs > arity[1])
          throw bad(
            `${name}() takes ${arity[0] === arity[1] ? arity[0] : `${arity[0]} to ${arity[1]}`} arguments, got ${nArgs}`,
          );
        return new math.FunctionNode(
          new math.SymbolNode(name!),
          n.args!.map((a) => visit(a as Node, depth + 1)),
        );
      }
      case 'AssignmentNode':
      case 'FunctionAssignmentNode':
        throw bad('assignments are not allowed');
      case 'RelationalNode':
        throw bad('chained comparisons are not allowed (write a < b and b < c)');
      default:
        throw bad(`${describeNode(n.type)} is not allowed`);
    }
  };
  return { text, references, node: visit(root as Node, 0) };
}

function describeNode(type: string): string {
  const names: Record<string, string> = {
    ArrayNode: 'a matrix or list',
    IndexNode: 'indexing',
    AccessorNode: 'property access or indexing',
    ObjectNode: 'an object',
    RangeNode: 'a range',
    BlockNode: 'several statements',
  };
  return Object.hasOwn(names, type) ? names[type] : `a ${type}`;
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** A row expression whose names are resolved: `columns[i]` is read through `columnSymbol(i)`. */
export interface BoundExpression {
  readonly text: string;
  /** The columns (or derived columns) read, distinct, in order of first use. */
  readonly columns: readonly string[];
  /** The tree: columns as `columnSymbol(i)`, constants by their own names. */
  readonly node: MathNode;
}

/**
 * Resolves an expression's names against the visible columns.
 * @throws InputError E_MISSING_COLUMN, E_BAD_EXPRESSION (ambiguous name)
 */
export function bindExpression(
  parsed: ParsedExpression,
  names: ExpressionNames,
  option: string,
): BoundExpression {
  const math = mathInstance();
  const columns: string[] = [];
  const symbols = parsed.references.map((ref) => {
    const r = names.resolve(ref, option);
    if (r.kind === 'constant') return ref.name;
    let j = columns.indexOf(r.column);
    if (j < 0) j = columns.push(r.column) - 1;
    return columnSymbol(j);
  });
  const node = parsed.node.transform((n) => {
    if (n.type !== 'SymbolNode') return n;
    const m = REFERENCE_SYMBOL.exec((n as Node).name!);
    return m ? new math.SymbolNode(symbols[Number(m[1])]) : n;
  });
  return { text: parsed.text, columns, node };
}

export type ExpressionValue = number | string;

export interface CompiledExpression {
  readonly text: string;
  /** The columns the expression reads, in the order `evaluate` takes their values. */
  readonly columns: readonly string[];
  /** The value for one row; `values[i]` is the row's value of `columns[i]` (NaN when missing). */
  evaluate(values: readonly unknown[]): ExpressionValue;
}

/**
 * Parses, checks, resolves and compiles one expression.
 * @throws InputError E_BAD_EXPRESSION, E_MISSING_COLUMN naming the option
 */
export function compileExpression(text: string, option: string, names: ExpressionNames): CompiledExpression {
  const math = mathInstance();
  const bound = bindExpression(parseRowExpression(text, option), names, option);
  const code = bound.node.compile();
  const keys = bound.columns.map((_, i) => columnSymbol(i));
  return {
    text,
    columns: bound.columns,
    evaluate(values) {
      const scope = new Map<string, unknown>();
      for (let i = 0; i < keys.length; i++) scope.set(keys[i], values[i]);
      const v: unknown = code.evaluate(scope);
      if (typeof v === 'number' || typeof v === 'string') return v;
      if (typeof v === 'boolean') return v ? 1 : 0;
      throw new Error(`the result is not a number, a truth value or a text (${math.typeOf(v)})`);
    },
  };
}

export interface DerivedColumnText {
  readonly name: string;
  readonly expression: string;
}

const DERIVE_PATTERN = /^\s*([A-Za-z_]\w*)\s*=(?!=)([\s\S]*)$/;

/**
 * Splits `NAME=EXPR` (a derived column; NAME is an identifier).
 * @throws InputError E_BAD_EXPRESSION
 */
export function parseDerivedColumn(spec: string, option = '--derive'): DerivedColumnText {
  const m = DERIVE_PATTERN.exec(spec);
  if (!m || m[2].trim() === '')
    throw new InputError('E_BAD_EXPRESSION', `a derived column is NAME=EXPRESSION, got "${spec}"`, {
      option,
    });
  return { name: m[1], expression: m[2].trim() };
}

export { expressionSymbol };
