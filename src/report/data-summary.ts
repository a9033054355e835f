import type { FeatureSummary, TableSummary } from '../data/encode-table.js';
import type { EncodedTable } from '../data/table.js';
import { type Distribution, groupLabelMass, supportSummary } from '../distribution/index.js';
import { CELLS_PER_ROW_WARNING, SINGLE_ROW_CELL_SHARE_WARNING, SMALL_PAIR_ROWS } from '../defaults.js';
import type { DataSourceV1, DataSummaryV1 } from './report-types.js';

export {
  CELLS_PER_ROW_WARNING,
  /** @deprecated the one threshold is SINGLE_ROW_CELL_SHARE_WARNING (src/defaults.ts). */
  SINGLE_ROW_CELL_SHARE_WARNING as SINGLE_ROW_SHARE_WARNING,
  SMALL_PAIR_ROWS,
};

/** Rounds a share for the report: shares are descriptive, 12 digits keep them byte-stable across platforms. */
const share = (x: number): number => Number(x.toPrecision(12));

/** The data section of a report: counts, shares, cells and warnings. */
export function dataSummary(
  table: EncodedTable | undefined,
  distribution: Distribution,
  source: DataSourceV1,
  tableSummary?: TableSummary,
  features?: readonly FeatureSummary[],
): DataSummaryV1 {
  const { nGroups, nClasses } = distribution;
  const mu = groupLabelMass(distribution);
  // Without rows (counts input) the rows of a pair are its share of the total count.
  const pairRows = new Float64Array(nGroups * nClasses);
  if (table) for (let i = 0; i < table.nRows; i++) pairRows[table.group[i] * nClasses + table.label[i]] += 1;
  else for (let i = 0; i < pairRows.length; i++) pairRows[i] = Math.round(mu[i] * distribution.nRows);
  const groupNames = table?.groupNames ?? distribution.groupNames;
  const classNames = table?.classNames ?? distribution.classNames;
  const groups = groupNames.map((name, s) => {
    let rows = 0;
    let m = 0;
    for (let y = 0; y < nClasses; y++) {
      rows += pairRows[s * nClasses + y];
      m += mu[s * nClasses + y];
    }
    return { name, rows, share: share(m) };
  });
  const labels = classNames.map((name, y) => {
    let rows = 0;
    let m = 0;
    for (let s = 0; s < nGroups; s++) {
      rows += pairRows[s * nClasses + y];
      m += mu[s * nClasses + y];
    }
    return { name, rows, share: share(m) };
  });
  const groupLabels = groupNames.flatMap((group, s) =>
    classNames.map((label, y) => ({
      group,
      label,
      rows: pairRows[s * nClasses + y],
      share: share(mu[s * nClasses + y]),
    })),
  );
  const support = supportSummary(distribution);
  const warnings = [...(tableSummary?.warnings ?? [])];
  if (
    support.cellsPerRow > CELLS_PER_ROW_WARNING ||
    support.singleRowCellShare > SINGLE_ROW_CELL_SHARE_WARNING
  )
    warnings.push(
      `${distribution.nCells} cells for ${distribution.nRows} rows (cells/N = ${support.cellsPerRow.toFixed(3)}, ` +
        `${(100 * support.singleRowCellShare).toFixed(1)}% of cells hold a single row): the in-sample frontier is ` +
        'optimistic; coarsen the bins or estimate it on held-out rows',
    );
  for (const p of groupLabels)
    if (p.rows < SMALL_PAIR_ROWS)
      warnings.push(
        `group "${p.group}" has only ${p.rows} rows with label "${p.label}": its EO rates are noisy`,
      );
  return {
    source,
    nRows: table?.nRows ?? distribution.nRows,
    ...(tableSummary
      ? {
          nRowsRead: tableSummary.nRowsRead,
          dropped: {
            filtered: tableSummary.nRowsFiltered,
            otherGroups: tableSummary.nRowsOtherGroups,
            missing: tableSummary.nRowsMissing,
          },
          groupColumns: tableSummary.groupColumns,
          labelColumn: tableSummary.labelColumn,
          ...(tableSummary.weightColumn ? { weightColumn: tableSummary.weightColumn } : {}),
        }
      : {}),
    totalWeight: distribution.totalWeight,
    isWeighted: table ? table.weight !== undefined : distribution.totalWeight !== distribution.nRows,
    groups,
    labels,
    groupLabels,
    features: tableSummary
      ? tableSummary.features.map((f) => ({ ...f }))
      : features
        ? features.map((f) => ({ ...f }))
        : (table?.featureNames ?? []).map((name) => ({ name, encoding: 'numeric' as const })),
    ...(tableSummary?.leftOut ? { leftOut: tableSummary.leftOut.map((l) => ({ ...l })) } : {}),
    ...(tableSummary?.missingByColumn
      ? { missingByColumn: tableSummary.missingByColumn.map((m) => ({ ...m })) }
      : {}),
    ...(tableSummary && tableSummary.derived.length > 0 ? { derived: tableSummary.derived } : {}),
    ...(tableSummary && tableSummary.filters.length > 0 ? { filters: tableSummary.filters } : {}),
    cells: {
      count: distribution.nCells,
      isGroupAware: distribution.isGroupAware,
      perRow: share(support.cellsPerRow),
      singleRowShare: share(support.singleRowCellShare),
    },
    warnings,
  };
}
