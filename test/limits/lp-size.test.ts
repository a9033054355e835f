import { expect, test } from 'vitest';
import { syntheticTable } from '../../src/data/index.js';
import { distributionFromTable } from '../../src/distribution/index.js';
import { frontierLpSize, openFrontierModel } from '../../src/limits/index.js';

const cases = [
  { nGroups: 2, nClasses: 2, nFeatures: 3, levels: 4 },
  { nGroups: 3, nClasses: 2, nFeatures: 2, levels: 5 },
  { nGroups: 3, nClasses: 4, nFeatures: 3, levels: 3 },
  { nGroups: 4, nClasses: 5, nFeatures: 2, levels: 6 },
];

test.each(cases)('frontierLpSize counts exactly what openFrontierModel builds (%o)', async (shape) => {
  const table = syntheticTable({ seed: 7, nRows: 600, ...shape });
  const { distribution } = distributionFromTable(table, { isGroupAware: true });
  for (const mergeCells of [true, false]) {
    const size = frontierLpSize(distribution, { mergeCells });
    const model = await openFrontierModel(distribution, { mergeCells });
    try {
      expect(size).toEqual({
        nLpCells: model.nLpCells,
        nColumns: model.nColumns,
        nRows: model.nRows,
        nNonzeros: model.nNonzeros,
      });
    } finally {
      model.dispose();
    }
  }
  // Merging never grows the LP.
  expect(frontierLpSize(distribution).nNonzeros).toBeLessThanOrEqual(
    frontierLpSize(distribution, { mergeCells: false }).nNonzeros,
  );
});
