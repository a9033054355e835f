import type { Population } from '../../src/missing/index.js';
import { createRng } from '../../src/rng.js';

/**
 * A seeded population pmf on three discrete features (3, 2 and 3 levels), two groups and two labels, with
 * every (x, s) cell present. The label depends on the features and on the group, so fairness costs accuracy.
 */
export function smallPopulation(seed: number): Population {
  const rng = createRng(seed);
  const levels = [3, 2, 3];
  const cells: { features: number[]; group: number; mass: number[] }[] = [];
  for (let s = 0; s < 2; s++)
    for (let a = 0; a < levels[0]; a++)
      for (let b = 0; b < levels[1]; b++)
        for (let c = 0; c < levels[2]; c++) {
          const px = 0.2 + rng.next(); // p(x | s) up to normalization
          const py1 =
            1 /
            (1 + Math.exp(-(a - 1 + 0.8 * b - 0.6 * (c - 1) + (s === 0 ? 0.7 : -0.7) + (rng.next() - 0.5))));
          const groupShare = s === 0 ? 0.6 : 0.4;
          cells.push({
            features: [a, b, c],
            group: s,
            mass: [groupShare * px * (1 - py1), groupShare * px * py1],
          });
        }
  return {
    featureNames: ['a', 'b', 'c'],
    groupNames: ['majority', 'minority'],
    classNames: ['0', '1'],
    cells,
  };
}
