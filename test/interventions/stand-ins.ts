/**
 * Test-only stand-ins: a base learner whose best response is exact on discrete features (the weighted class
 * frequencies of each distinct feature row, with a global fallback for unseen rows), and the cell features of a
 * table as a row-major matrix. Used until the real learners land and to keep tests fast and exact.
 */
import type { EncodedTable } from '../../src/data/table.js';
import type { FeatureMatrix, Learner } from '../../src/learn/types.js';

export const tableLearner: Learner = {
  kind: 'table',
  fit(data) {
    const { x, y, nClasses, weight } = data;
    const counts = new Map<string, Float64Array>();
    const overall = new Float64Array(nClasses);
    for (let i = 0; i < x.nRows; i++) {
      const key = Array.prototype.join.call(x.values.subarray(i * x.nFeatures, (i + 1) * x.nFeatures), ',');
      let c = counts.get(key);
      if (!c) counts.set(key, (c = new Float64Array(nClasses)));
      const w = weight ? weight[i] : 1;
      c[y[i]] += w;
      overall[y[i]] += w;
    }
    const normalize = (c: Float64Array) => {
      const t = c.reduce((a, b) => a + b, 0);
      return c.map((v) => (t > 0 ? v / t : 1 / nClasses));
    };
    const fallback = normalize(overall);
    return {
      kind: 'table',
      nClasses,
      predictProba(q: FeatureMatrix) {
        const out = new Float64Array(q.nRows * nClasses);
        for (let i = 0; i < q.nRows; i++) {
          const key = Array.prototype.join.call(
            q.values.subarray(i * q.nFeatures, (i + 1) * q.nFeatures),
            ',',
          );
          const c = counts.get(key);
          out.set(c ? normalize(c) : fallback, i * nClasses);
        }
        return out;
      },
    };
  },
};

/** The table's features and (when group-aware) its group as the last column: the frontier's cell key. */
export function cellMatrix(table: EncodedTable, isGroupAware = true): FeatureMatrix {
  const nF = table.features.length + (isGroupAware ? 1 : 0);
  const values = new Float64Array(table.nRows * nF);
  for (let i = 0; i < table.nRows; i++) {
    table.features.forEach((f, j) => (values[i * nF + j] = f[i]));
    if (isGroupAware) values[i * nF + nF - 1] = table.group[i];
  }
  return { nRows: table.nRows, nFeatures: nF, values };
}
