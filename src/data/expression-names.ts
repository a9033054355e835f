import { InputError, type Where } from '../errors.js';
import { didYouMean } from './nearest-names.js';

/**
 * How row expressions name columns (see docs/expressions.md). Every column can be written exactly in
 * backquotes: `` `a-b` ``, `` `1st,2nd` ``, `` `sum` `` (a backquote inside is doubled). Without backquotes, a
 * name is a column when it is that column's exact name, or its alias: the name with every character outside
 * [A-Za-z0-9_] replaced by "_" (`education-num` -> `education_num`, a leading digit gets a "_" prefix).
 * A bare name that could mean two things (a column and another column's alias, two aliases, or a column and a
 * constant such as `e` or `pi`) is refused, never guessed.
 */

/** The alias of a column: its name with non-word characters replaced by "_" (a leading digit gets "_"). */
export function expressionSymbol(columnName: string): string {
  const s = columnName.replace(/\W/g, '_');
  return /^\d/.test(s) ? `_${s}` : s;
}

/** Constants of the expression language (they are never columns unless written in backquotes). */
export const EXPRESSION_CONSTANTS: ReadonlySet<string> = new Set([
  'e',
  'E',
  'pi',
  'PI',
  'tau',
  'phi',
  'Infinity',
  'NaN',
  'LN2',
  'LN10',
  'LOG2E',
  'LOG10E',
  'SQRT1_2',
  'SQRT2',
]);

/** One name written in an expression: bare (`age`) or in backquotes (`` `a-b` ``). */
export interface NameReference {
  readonly name: string;
  readonly quoted: boolean;
}

/** What a bare or quoted name means: a column (or derived column), or a constant of the language. */
export type ResolvedName =
  { readonly kind: 'column'; readonly column: string } | { readonly kind: 'constant' };

/** The names visible to expressions: the input's columns, then derived columns as they are defined. */
export class ExpressionNames {
  private readonly columns: string[] = [];
  private readonly exact = new Set<string>();
  private readonly aliases = new Map<string, string[]>();

  constructor(
    columnNames: readonly string[],
    private readonly where: Where = {},
  ) {
    for (const n of columnNames) this.add(n);
  }

  /** Makes a column (or a derived column) visible. Repeated names are ignored (the data layer resolves them). */
  add(name: string): void {
    if (this.exact.has(name)) return;
    this.exact.add(name);
    this.columns.push(name);
    const alias = expressionSymbol(name);
    if (alias !== name) this.aliases.set(alias, [...(this.aliases.get(alias) ?? []), name]);
  }

  has(name: string): boolean {
    return this.exact.has(name);
  }

  /**
   * The column or constant a name means.
   * @throws InputError E_BAD_EXPRESSION (ambiguous), E_MISSING_COLUMN (no such column, listing the names)
   */
  resolve(ref: NameReference, option: string): ResolvedName {
    if (ref.quoted) {
      if (this.exact.has(ref.name)) return { kind: 'column', column: ref.name };
      throw this.missing(ref, option);
    }
    const meanings: string[] = [];
    if (this.exact.has(ref.name)) meanings.push(`column "${ref.name}"`);
    for (const c of this.aliases.get(ref.name) ?? []) meanings.push(`column "${c}" (its alias)`);
    const isConstant = EXPRESSION_CONSTANTS.has(ref.name);
    if (isConstant && meanings.length > 0) meanings.push('the constant');
    if (meanings.length > 1)
      throw new InputError(
        'E_BAD_EXPRESSION',
        `the name ${ref.name} is ambiguous: it could be ${meanings.join(' or ')}; write the column's exact name in backquotes, e.g. ${quoteName(this.exact.has(ref.name) ? ref.name : this.aliases.get(ref.name)![0])}`,
        { ...this.where, option },
      );
    if (this.exact.has(ref.name)) return { kind: 'column', column: ref.name };
    const aliased = this.aliases.get(ref.name);
    if (aliased) return { kind: 'column', column: aliased[0] };
    if (isConstant) return { kind: 'constant' };
    throw this.missing(ref, option);
  }

  /** How each visible column is written in an expression (bare when that is unambiguous, else in backquotes). */
  spellings(): string[] {
    return this.columns.map((c) => {
      const unambiguous = (n: string) =>
        !EXPRESSION_CONSTANTS.has(n) &&
        (this.exact.has(n) ? 1 : 0) + (this.aliases.get(n)?.length ?? 0) === 1 &&
        /^[A-Za-z_][A-Za-z0-9_]*$/.test(n);
      if (unambiguous(c)) return c;
      const alias = expressionSymbol(c);
      if (alias !== c && /[A-Za-z0-9]/.test(alias) && unambiguous(alias))
        return `${alias} or ${quoteName(c)}`;
      return quoteName(c);
    });
  }

  private missing(ref: NameReference, option: string): InputError {
    const names = this.spellings();
    const shown = names.slice(0, 12).join(', ');
    return new InputError(
      'E_MISSING_COLUMN',
      `no column named ${ref.quoted ? quoteName(ref.name) : `"${ref.name}"`} in the expression${didYouMean(ref.name, this.columns)} (names: ${shown}${names.length > 12 ? `, ... ${names.length - 12} more` : ''})`,
      { ...this.where, column: ref.name, option },
    );
  }
}

/** A column name in backquotes, as expressions read it (a backquote inside is doubled). */
export function quoteName(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}
