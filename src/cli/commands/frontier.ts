import { stat } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { binsByColumn, formatBinSpec } from '../../data/bins.js';
import { InputError } from '../../errors.js';
import { type FrontierReportInput, frontierReport } from '../../report/frontier-report.js';
import { wantsEstimation } from '../../report/estimation-options.js';
import { AUTO_DUCKDB_BYTES, isEngine } from '../engine.js';
import type { RegisterCommand } from '../context.js';
import {
  type ConstraintOptionValues,
  type DataOptionValues,
  type EstimationOptionValues,
  type OutputOptionValues,
  addConstraintOptions,
  addCriteriaOptions,
  addDataOptions,
  addEstimationOptions,
  addOutputOptions,
  checkOutputOptions,
  runInputs,
  constraintsOf,
  emitReport,
  estimationOf,
  ROW_OPTIONS,
  loadInput,
  refuseInapplicable,
  rolesOf,
  tableSpecOf,
  wantsProgress,
} from '../options.js';
import { progressBar } from '../progress.js';
import { expandGlobs } from '../expand-globs.js';

type FrontierOptions = DataOptionValues &
  ConstraintOptionValues &
  EstimationOptionValues &
  OutputOptionValues & {
    readonly counts?: string[];
    readonly engine?: string;
    readonly connection?: string;
    readonly table?: string;
    readonly exportClassifier?: string;
    readonly exportAlpha?: string;
    readonly estimate?: string;
    readonly exportRule?: string;
    readonly ruleObjective?: string;
    readonly ruleFlip?: boolean;
    readonly ruleTol?: string;
    readonly ruleGridSize?: string;
  };

/**
 * `--counts FILE` (a counts table, e.g. saved from `fairlimit sql`) or `--engine duckdb|auto` (DuckDB
 * aggregation of large CSV or Parquet files): the distribution without rows (docs/scale.md). Everything else
 * reads rows.
 */
async function loadFrontierInput(
  file: string | undefined,
  o: FrontierOptions,
  needsRows: boolean,
  note: (text: string) => void,
): Promise<FrontierReportInput> {
  if (o.engine === 'postgres' || o.engine === 'clickhouse')
    return loadRemoteInput(file, o, o.engine, needsRows);
  if (o.connection !== undefined || o.table !== undefined)
    throw new InputError('E_USAGE', '--connection and --table go with --engine postgres or clickhouse', {
      option: o.connection !== undefined ? '--connection' : '--table',
    });
  // Default auto: DuckDB for large CSV and Parquet files, unless the command needs rows (predictions, estimates).
  const engine = o.engine ?? (needsRows ? 'in-process' : 'auto');
  if (!isEngine(engine))
    throw new InputError('E_BAD_OPTION', `unknown engine "${engine}" (use in-process, duckdb or auto)`, {
      option: '--engine',
    });
  // Options only the in-process reader honours make `auto` read in process (an explicit duckdb refuses them).
  const inProcessOnly = o.trim === false || o.delimiter?.toLowerCase() === 'whitespace';
  if (o.counts !== undefined) {
    refuseInapplicable(
      o,
      ROW_OPTIONS,
      'a counts table is already aggregated (prepare the rows before counting, e.g. in `fairlimit sql`)',
      '--counts',
    );
    if (o.engine !== undefined)
      throw new InputError('E_USAGE', '--engine does not apply: a counts table is read as it is', {
        option: '--engine',
      });
  }
  if (engine === 'duckdb' && o.counts === undefined)
    refuseInapplicable(o, ['trim'], 'DuckDB always trims fields (use --engine in-process)', '--engine');
  if (
    o.counts === undefined &&
    (engine === 'in-process' || o.dataset !== undefined || (engine === 'auto' && inProcessOnly))
  )
    return loadInput(file, o);
  if (o.counts === undefined && engine === 'auto' && file !== undefined && !/\.(parquet|pq)$/i.test(file)) {
    const bytes = await stat(file).then(
      (st) => st.size,
      () => 0,
    ); // a missing file is reported by loadInput
    if (bytes <= AUTO_DUCKDB_BYTES) return loadInput(file, o);
  }
  if (o.dataset !== undefined)
    throw new InputError('E_USAGE', '--dataset cannot be combined with --counts', { option: '--counts' });
  if (o.predictions !== undefined)
    throw new InputError('E_USAGE', '--predictions needs the rows (not available with --counts or DuckDB)', {
      option: '--predictions',
    });
  if (o.scores !== undefined)
    throw new InputError('E_USAGE', '--scores needs the rows (not available with --counts or DuckDB)', {
      option: '--scores',
    });
  if (o.positive !== undefined)
    throw new InputError('E_USAGE', '--positive needs the rows (not available with --counts or DuckDB)', {
      option: '--positive',
    });
  const isGroupAware = !o.groupBlind;
  const split = (text: string | undefined) =>
    text
      ?.split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
  const roles = o.counts !== undefined ? rolesOf(o) : undefined; // --counts needs --group and --label
  const { loadDistributionForCli } = await import('../scale-input.js');
  const loaded =
    roles !== undefined && o.counts !== undefined
      ? await loadDistributionForCli({
          counts: expandGlobs(o.counts, '--counts'),
          ...(file !== undefined ? { file } : {}),
          isGroupAware,
          countsSpec: {
            group: roles.group,
            label: roles.label,
            ...(o.groupValues ? { groupValues: split(o.groupValues)! } : {}),
            ...(o.labelValues ? { labelValues: split(o.labelValues)! } : {}),
            ...(o.classes !== undefined ? { nClasses: classesOf(o.classes) } : {}),
          },
          countsFile: {
            ...(o.delimiter !== undefined ? { delimiter: o.delimiter } : {}),
            ...(o.naValues !== undefined ? { naValues: o.naValues.split(',').map((v) => v.trim()) } : {}),
          },
        })
      : await loadDistributionForCli({
          ...(file !== undefined ? { file } : {}),
          ...tableSpecOf(o),
          engine,
          isGroupAware,
        });
  if (loaded.engine === 'in-process') return loadInput(file, o);
  // DuckDB counts without reading the rows here, so it cannot screen columns as the in-process reader does.
  if (o.counts === undefined && o.features === undefined)
    note(
      'fairlimit: the DuckDB engine uses every other column as a feature (ids, dates and free text included); name the features with --features (docs/data-input.md, Default features)\n',
    );
  // The cell-key features for the report and the text output; bins as given (DuckDB applied them).
  const bins = o.counts === undefined ? binsByColumn(tableSpecOf(o).spec.bins) : undefined;
  const features = (loaded.counts?.features ?? []).map((f) => {
    const b = bins?.get(f.name);
    return b !== undefined && b.kind !== 'categorical'
      ? { name: f.name, encoding: 'bins' as const, bins: formatBinSpec(b) }
      : f;
  });
  return {
    features,
    distribution: loaded.distribution,
    source: { kind: 'file', name: loaded.source.name, bytes: loaded.source.bytes },
  };
}

/**
 * `--engine postgres|clickhouse --connection URL --table NAME`: the counts are computed in the database
 * (`aggregateRemote`) and only they come back (docs/scale.md, Live engines). The report names the engine and
 * the table, never the connection.
 */
async function loadRemoteInput(
  file: string | undefined,
  o: FrontierOptions,
  engine: 'postgres' | 'clickhouse',
  needsRows: boolean,
): Promise<FrontierReportInput> {
  const place = { option: '--engine' };
  if (file !== undefined || o.counts !== undefined || o.dataset !== undefined)
    throw new InputError(
      'E_USAGE',
      `--engine ${engine} reads --table, not a file, --counts or --dataset`,
      place,
    );
  if (o.connection === undefined || o.table === undefined)
    throw new InputError('E_USAGE', `--engine ${engine} needs --connection URL and --table NAME`, {
      option: o.connection === undefined ? '--connection' : '--table',
    });
  if (needsRows || o.predictions !== undefined || o.scores !== undefined)
    throw new InputError(
      'E_USAGE',
      `predictions, scores and estimates need the rows (not available with --engine ${engine})`,
      place,
    );
  const { aggregateRemote } = await import('../../data/remote/index.js');
  const { distributionFromCellCounts } = await import('../../distribution/index.js');
  const { spec, csv } = tableSpecOf(o);
  const remote = await aggregateRemote({ engine, connection: o.connection, table: o.table }, spec, {
    isGroupAware: !o.groupBlind,
    ...(csv.naValues ? { naValues: csv.naValues } : {}),
  });
  const bins = binsByColumn(spec.bins);
  const features = remote.counts.features.map((f) => {
    const b = bins.get(f.name);
    return b !== undefined && b.kind !== 'categorical'
      ? { name: f.name, encoding: 'bins' as const, bins: formatBinSpec(b) }
      : f;
  });
  return {
    features,
    distribution: distributionFromCellCounts(remote.counts),
    source: { kind: 'database', name: `${engine} table ${o.table}` },
  };
}

/** `--classes N` for a counts table (the same check as for rows). */
function classesOf(text: string): number {
  const v = Number(text);
  if (!/^\d+$/.test(text.trim()) || v < 2)
    throw new InputError('E_BAD_OPTION', `--classes must be an integer >= 2, got "${text}"`, {
      option: '--classes',
    });
  return v;
}

const EXAMPLES = `
Examples:
  $ fairlimit frontier --dataset compas --eo 0,0.01,0.05 --json
  $ fairlimit frontier data.csv --group race --label y --eo 0,0.05          # posterior estimate, with an interval
  $ fairlimit frontier data.csv --group race --label y --bins age=quantile:5 --eo 0:0.1:0.01 --plot frontier.svg
  $ fairlimit frontier data.csv --group race,sex --label y --sp 0:0.2:0.05 --eo 0:0.2:0.05 --html report.html
  $ fairlimit frontier data.csv --group g --label y --predictions yhat --out report.json
  $ fairlimit frontier data.csv --group race --label y --predictions yhat --positive yes --reference-group White
  $ fairlimit frontier --dataset compas --eo 0,0.02 --folds 5 --bootstrap 20 --seed 1 --json
  $ fairlimit sql data.csv --dialect duckdb --table data --group g --label y > counts.sql   # run it, save counts.csv
  $ fairlimit frontier --counts counts.csv --group g --label y --eo 0:0.1:0.01
  $ fairlimit frontier big.parquet --engine duckdb --group g --label y --bins age=quantile:10
  $ fairlimit frontier --engine postgres --connection postgres://me@db:5432/prod --table events --group g --label y
`;

export const registerFrontier: RegisterCommand = (program: Command, { io, setExitCode }) => {
  const cmd = program
    .command('frontier')
    .description('exact fairness Pareto frontier (FairFront) of a CSV file or a reference data set')
    .argument('[file]', 'CSV file');
  addDataOptions(cmd);
  addConstraintOptions(cmd);
  addCriteriaOptions(cmd);
  addEstimationOptions(cmd, { withSeed: true });
  addOutputOptions(cmd);
  cmd
    .option(
      '--counts <files...>',
      'counts tables (CSV or Parquet: cell-key columns, --group, --label, weight/count) instead of rows; several files or a quoted glob ("parts/*.csv") are summed by key',
    )
    .option(
      '--export-classifier <file>',
      'write the optimal randomized classifier of one point as JSON (apply it with `fairlimit apply`)',
    )
    .option(
      '--export-alpha <bounds>',
      'the point to export: CRITERION=VALUE[,...] (e.g. eo=0.05), or a value of the swept one',
    )
    .option(
      '--export-rule <constraint>',
      "export fairlearn's ThresholdOptimizer rule on the --scores column instead of an LP point: demographic_parity, true_positive_rate_parity, false_positive_rate_parity or equalized_odds",
    )
    .option(
      '--rule-objective <name>',
      "the rule's objective (fairlearn's names; default: the run's --objective, accuracy_score)",
    )
    .option(
      '--rule-flip',
      'let the rule flip thresholds (predict 1 below a threshold), as fairlearn flip=True',
    )
    .option(
      '--rule-tol <x>',
      "relax a simple constraint: the groups' rates may differ by up to x (fairlearn 0.13's tol)",
    )
    .option('--rule-grid-size <n>', "the rule's grid of rate values (fairlearn's grid_size, default 1000)")
    .addOption(
      new Option(
        '--estimate <kind>',
        'the headline: posterior (learned score P(Y | features, group), cross-fitted, with an interval; the default on a CSV without --features or --bins) or cells (exact LP on the cells; the default with --features, --bins, --dataset, --counts)',
      ).choices(['cells', 'posterior']),
    )
    .addOption(
      new Option(
        '--engine <name>',
        'how rows are counted: in-process, duckdb, auto (the default: DuckDB above 64 MB and for Parquet), or in a database: postgres, clickhouse (with --connection and --table)',
      ).choices(['in-process', 'duckdb', 'auto', 'postgres', 'clickhouse']),
    )
    .option(
      '--connection <url>',
      'the database for --engine postgres|clickhouse: postgres://user:password@host:5432/db or http://user:password@host:8123/db (the password is never printed)',
    )
    .option('--table <name>', 'the table (or view) to count, for --engine postgres|clickhouse');
  cmd.addHelpText('after', EXAMPLES).action(async (file: string | undefined, options: FrontierOptions) => {
    const constraints = constraintsOf(options); // usage errors before reading any data
    const files = {
      inputs: runInputs(file, options),
      outputs:
        options.exportClassifier !== undefined
          ? [{ option: '--export-classifier', path: options.exportClassifier }]
          : [],
    };
    await checkOutputOptions(options, files);
    const { chooseEstimate, posteriorSettings } = await import('../estimate-choice.js');
    const isPosterior = chooseEstimate(file, options) === 'posterior';
    // --level belongs to the posterior estimate's interval too; the cell estimators' checks see it only on cells.
    const estimation = isPosterior
      ? {
          ...estimationOf({ ...options, level: undefined }),
          estimate: 'posterior' as const,
          ...posteriorSettings(options),
        }
      : estimationOf(options);
    if (estimation.seed !== undefined && options.seed === undefined && !options.quiet)
      io.stderr.write(
        `fairlimit: seed ${estimation.seed} (the default; give --seed N for another split or resample)\n`,
      );
    const needsRows =
      options.predictions !== undefined ||
      options.scores !== undefined ||
      wantsEstimation(estimation) ||
      options.exportClassifier !== undefined;
    if (options.exportClassifier === undefined && options.exportAlpha !== undefined)
      throw new InputError('E_USAGE', '--export-alpha needs --export-classifier FILE', {
        option: '--export-alpha',
      });
    // The classifier export (and what it imports) is loaded only when asked for.
    const ruleExporter =
      options.exportRule !== undefined ||
      options.ruleObjective !== undefined ||
      options.ruleFlip !== undefined ||
      options.ruleTol !== undefined ||
      options.ruleGridSize !== undefined
        ? await import('../export-threshold-rule.js')
        : undefined;
    ruleExporter?.checkThresholdRuleOptions(options); // usage errors first
    const exporter =
      options.exportClassifier !== undefined && options.exportRule === undefined
        ? await import('../export-classifier.js')
        : undefined;
    exporter?.exportBounds(options.exportAlpha, constraints.alphas); // usage errors first
    const input = await loadFrontierInput(file, options, needsRows, (text) => {
      if (!options.quiet) io.stderr.write(text);
    });
    const progress = progressBar(io, 'solving', { enabled: wantsProgress(options) });
    try {
      const report = await frontierReport(input, {
        ...constraints,
        estimation,
        onProgress: progress.onProgress,
      });
      progress.stop();
      // The artifact is computed before anything is written, so a failed export leaves no file behind.
      const artifact =
        ruleExporter !== undefined && options.exportRule !== undefined
          ? ruleExporter.thresholdRuleOfRun(input, options, constraints.objective)
          : exporter !== undefined
            ? await exporter.classifierOfRun(input, options, {
                alphas: constraints.alphas,
                isGroupAware: constraints.isGroupAware,
                ...(constraints.objective ? { objective: constraints.objective } : {}),
                ...(options.exportAlpha !== undefined ? { exportAlpha: options.exportAlpha } : {}),
              })
            : undefined;
      // The classifier is written with the report, all files or none.
      await emitReport(report, options, io, {
        ...files,
        ...(artifact
          ? { contents: { '--export-classifier': `${JSON.stringify(artifact, null, 2)}\n` } }
          : {}),
      });
    } finally {
      progress.stop();
    }
    setExitCode(0);
  });
};
