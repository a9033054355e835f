import { distributionFromTable } from '../distribution/index.js';
import { InputError } from '../errors.js';
import { type FairClassifierV1, exportClassifier, fairFront } from '../limits/index.js';
import type { Objective } from '../lp/objective.js';
import { CRITERIA, CRITERION_FLAGS, type Criterion, isCriterion } from '../metrics/index.js';
import type { FrontierReportInput } from '../report/index.js';
import type { DataOptionValues } from './options.js';
import { tableSpecOf } from './options.js';

/**
 * The bounds of the exported point: `--export-alpha eo=0.05[,sp=0.1]` (or a number for the one swept
 * criterion), on top of the fixed bounds of the run. Without it the run must have a single point.
 * @throws InputError E_USAGE, E_BAD_ALPHA
 */
export function exportBounds(
  text: string | undefined,
  alphas: Partial<Record<Criterion, number[]>>,
): Partial<Record<Criterion, number>> {
  const bounds: Partial<Record<Criterion, number>> = {};
  for (const c of CRITERIA) if (alphas[c]?.length === 1) bounds[c] = alphas[c]![0];
  const swept = CRITERIA.filter((c) => (alphas[c]?.length ?? 0) > 1);
  if (text === undefined) {
    if (swept.length > 0)
      throw new InputError(
        'E_USAGE',
        `the run sweeps ${swept.map((c) => CRITERION_FLAGS[c]).join(' and ')}: say which point to export with --export-alpha (e.g. ${swept[0]}=${alphas[swept[0]]![0]})`,
        { option: '--export-alpha' },
      );
    return bounds;
  }
  const given = new Set<string>();
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? (swept.length === 1 ? swept[0] : '') : part.slice(0, eq).trim();
    const valueText = (eq < 0 ? part : part.slice(eq + 1)).trim();
    // Number('') is 0: an empty value must not become the bound 0.
    const value = valueText === '' ? Number.NaN : Number(valueText);
    if (!isCriterion(key))
      throw new InputError(
        'E_USAGE',
        `cannot read "${part}" (use CRITERION=VALUE, e.g. eo=0.05, with ${CRITERIA.join(', ')})`,
        { option: '--export-alpha' },
      );
    if (given.has(key))
      throw new InputError('E_USAGE', `${key} is given twice in "${text}"`, { option: '--export-alpha' });
    given.add(key);
    if (!Number.isFinite(value) || value < 0 || value > 1)
      throw new InputError(
        'E_BAD_ALPHA',
        `the bound in "${part}" must be a number in [0, 1], got ${valueText === '' ? 'nothing' : `"${valueText}"`}`,
        { option: '--export-alpha' },
      );
    bounds[key] = value;
  }
  return bounds;
}

/**
 * Solves the exported point on the run's rows and builds the artifact (docs/constraints.md, The fair classifier
 * as an artifact).
 * @throws InputError E_USAGE without rows (counts, DuckDB); SolverError as fairFront
 */
export async function classifierOfRun(
  input: FrontierReportInput,
  o: DataOptionValues,
  run: {
    readonly alphas: Partial<Record<Criterion, number[]>>;
    readonly isGroupAware: boolean;
    readonly objective?: Objective;
    readonly exportAlpha?: string;
  },
): Promise<FairClassifierV1> {
  const bounds = exportBounds(run.exportAlpha, run.alphas);
  if (!input.table)
    throw new InputError(
      'E_USAGE',
      '--export-classifier needs the rows (not available with --counts or DuckDB)',
      {
        option: '--export-classifier',
      },
    );
  const { distribution } = distributionFromTable(input.table, { isGroupAware: run.isGroupAware });
  const point = await fairFront(distribution, {
    alpha: bounds,
    ...(run.objective ? { objective: run.objective } : {}),
  });
  const spec = o.dataset === undefined && o.group && o.label ? tableSpecOf(o).spec : undefined;
  return exportClassifier({
    table: input.table,
    point,
    isGroupAware: run.isGroupAware,
    ...(input.tableSummary ? { features: input.tableSummary.features } : {}),
    groupColumns: input.tableSummary?.groupColumns ?? [],
    labelColumn: input.tableSummary?.labelColumn ?? '',
    ...(spec?.derive ? { derive: spec.derive } : {}),
    ...(spec?.valueMaps ? { valueMaps: spec.valueMaps } : {}),
    ...(input.source.sha256 ? { fileSha256: input.source.sha256 } : {}),
  });
}
