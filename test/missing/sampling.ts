import type { EncodedTable } from '../../src/data/index.js';
import type { Population } from '../../src/missing/index.js';
import { createRng } from '../../src/rng.js';

/** n rows drawn i.i.d. from a population pmf (seeded), as an encoded table. */
export function samplePopulation(population: Population, nRows: number, seed: number): EncodedTable {
  const rng = createRng(seed);
  const atoms: { cell: number; y: number; cumulative: number }[] = [];
  let total = 0;
  population.cells.forEach((cell, k) =>
    cell.mass.forEach((m, y) => m > 0 && atoms.push({ cell: k, y, cumulative: (total += m) })),
  );
  const features = population.featureNames.map(() => new Float64Array(nRows));
  const group = new Int32Array(nRows);
  const label = new Int32Array(nRows);
  for (let i = 0; i < nRows; i++) {
    const u = rng.next() * total;
    let lo = 0;
    let hi = atoms.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (atoms[mid].cumulative > u) hi = mid;
      else lo = mid + 1;
    }
    const cell = population.cells[atoms[lo].cell];
    cell.features.forEach((v, j) => (features[j][i] = v));
    group[i] = cell.group;
    label[i] = atoms[lo].y;
  }
  return {
    name: 'population sample',
    nRows,
    featureNames: population.featureNames,
    features,
    group,
    groupNames: population.groupNames,
    label,
    classNames: population.classNames,
  };
}
