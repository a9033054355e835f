/**
 * Suggestions for a mistyped name (a column, a data set), as commander suggests flags: the candidates at the
 * smallest optimal-string-alignment distance (edits, with a swap of neighbours as one edit), at most
 * `MAX_EDITS` away and sharing more than `MIN_SIMILARITY` of their length. Letter case counts as no edit first:
 * "Race" finds "race".
 */

/** Farther than this many edits is a different name, not a typo. */
export const MAX_EDITS = 2;

/** (length - distance) / length must exceed this, so that short names do not match everything. */
export const MIN_SIMILARITY = 0.4;

/** Optimal string alignment distance (Damerau-Levenshtein without editing a substring twice). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = new Int32Array(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++)
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[(i - 2) * cols + j - 2] + 1);
      d[i * cols + j] = v;
    }
  return d[rows * cols - 1];
}

/**
 * The candidates nearest to `word` (several when tied), in their given order; empty when none is close.
 * @example
 * nearestNames('rac', ['race', 'sex', 'age']); // ['race']
 */
export function nearestNames(word: string, candidates: readonly string[]): string[] {
  const unique = [...new Set(candidates)].filter((c) => c !== word);
  const sameLetters = unique.filter((c) => c.toLowerCase() === word.toLowerCase());
  if (sameLetters.length > 0) return sameLetters;
  let best = MAX_EDITS + 1;
  let nearest: string[] = [];
  for (const c of unique) {
    if (Math.abs(c.length - word.length) > MAX_EDITS) continue;
    const distance = editDistance(word.toLowerCase(), c.toLowerCase());
    const length = Math.max(word.length, c.length);
    if ((length - distance) / length <= MIN_SIMILARITY || distance > best) continue;
    if (distance < best) nearest = [];
    best = distance;
    nearest.push(c);
  }
  return nearest;
}

/** `; did you mean "race"?` (or `"a" or "b"`) for a message, or '' when no candidate is close. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const nearest = nearestNames(word, candidates);
  if (nearest.length === 0) return '';
  return `; did you mean ${nearest.map((n) => `"${n}"`).join(' or ')}?`;
}
