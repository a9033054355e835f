/**
 * The one set of text helpers behind every table fairlimit prints or writes: aligned text (terminal, notebook
 * text/plain), HTML (notebooks, the HTML report), CSV fields, and the number formats they share.
 */

/** A table: column titles and rows of already formatted cells. */
export interface DisplayTable {
  readonly title?: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Columns to right-align (numbers); default every column whose cells all parse as numbers. */
  readonly numeric?: readonly boolean[];
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const NUMBER_LIKE = /^[-+−]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?( ± [\d.e+-]+)?%?$/i;

function numericColumns(table: DisplayTable): boolean[] {
  return (
    table.numeric?.slice() ??
    table.columns.map(
      (_, j) => table.rows.length > 0 && table.rows.every((r) => NUMBER_LIKE.test(r[j] ?? '')),
    )
  );
}

/** Fixed-width text: titles, a rule, the rows; numbers right-aligned. */
export function textTable(table: DisplayTable): string {
  const numeric = numericColumns(table);
  const widths = table.columns.map((c, j) =>
    Math.max(c.length, ...table.rows.map((r) => (r[j] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, j) => (numeric[j] ? cell.padStart(widths[j]) : cell.padEnd(widths[j])))
      .join('  ')
      .trimEnd();
  const out = [line(table.columns), widths.map((w) => '-'.repeat(w)).join('  '), ...table.rows.map(line)];
  return (table.title ? [table.title, ...out] : out).join('\n');
}

/** An HTML table (escaped), numbers right-aligned, with its title as caption. */
export function htmlTable(table: DisplayTable): string {
  const numeric = numericColumns(table);
  const align = (j: number) => (numeric[j] ? ' style="text-align:right"' : ' style="text-align:left"');
  const head = table.columns.map((c, j) => `<th${align(j)}>${escapeHtml(c)}</th>`).join('');
  const body = table.rows
    .map(
      (r) =>
        `<tr>${table.columns.map((_, j) => `<td${align(j)}>${escapeHtml(r[j] ?? '')}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const caption = table.title
    ? `<caption style="text-align:left;font-weight:bold">${escapeHtml(table.title)}</caption>`
    : '';
  return `<table class="fairlimit-table">${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

/** A number with `digits` decimals; '' for null/undefined, 'NaN' kept visible. */
export function fixed(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined) return '';
  return x.toFixed(digits);
}

/** An alpha or knob value: at most 4 decimals, no trailing zeros (0.05, 1, 0.1234). */
export function short(x: number | null | undefined): string {
  if (x === null || x === undefined) return '';
  return String(+x.toFixed(4));
}

/** "mean ± std" with `digits` decimals (std omitted for a single replicate). */
export function meanStd(
  s: { readonly mean: number; readonly std: number; readonly n: number },
  digits = 4,
): string {
  return s.n > 1 ? `${s.mean.toFixed(digits)} ± ${s.std.toFixed(digits)}` : s.mean.toFixed(digits);
}
