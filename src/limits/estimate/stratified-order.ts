import type { EncodedTable } from '../../data/table.js';
import { createRng, permutation } from '../../rng.js';

/**
 * A seeded order of the rows for K-fold splits stratified by (group, label): the rows of each (group, label)
 * pair in random order, pair after pair, so dealing row i of the order to fold i mod K gives every fold
 * floor(n_sy / K) or ceil(n_sy / K) rows of each pair (a 2% minority at N = 2000 still reaches every fold; see
 * docs/estimation.md). Rows within a pair, and which folds get the extra rows, follow the seed.
 */
export function stratifiedOrder(table: EncodedTable, seed: number): Int32Array {
  const C = table.classNames.length;
  const nPairs = table.groupNames.length * C;
  const shuffled = permutation(createRng(seed), table.nRows);
  const start = new Int32Array(nPairs + 1);
  for (let i = 0; i < table.nRows; i++) start[table.group[i] * C + table.label[i] + 1]++;
  for (let p = 0; p < nPairs; p++) start[p + 1] += start[p];
  const order = new Int32Array(table.nRows);
  for (const row of shuffled) order[start[table.group[row] * C + table.label[row]]++] = row;
  return order;
}
