import type { Command } from 'commander';
import { SYNTHETIC_LIMITS, syntheticTable } from '../../data/index.js';
import { frontierReport } from '../../report/index.js';
import type { RegisterCommand } from '../context.js';
import { OPTION_LIMITS, integerInRange } from '../number-options.js';
import {
  type ConstraintOptionValues,
  type EstimationOptionValues,
  type OutputOptionValues,
  addConstraintOptions,
  addCriteriaOptions,
  addEstimationOptions,
  addOutputOptions,
  checkOutputOptions,
  constraintsOf,
  emitReport,
  estimationOf,
  wantsProgress,
} from '../options.js';
import { progressBar } from '../progress.js';

interface DemoOptions
  extends ConstraintOptionValues, Omit<EstimationOptionValues, 'seed'>, OutputOptionValues {
  readonly seed: string;
  readonly rows: string;
  readonly groups: string;
  readonly classes: string;
}

/**
 * A stronger group effect and fewer cells than syntheticTable's defaults, so that the demo's frontier visibly
 * rises over alpha (about 2 points from alpha_EO = 0 to the Bayes accuracy) and the in-sample warning stays quiet.
 */
const DEMO_GENERATOR = { groupShift: 1.5, nFeatures: 3 } as const;

const EXAMPLES = `
The data are syntheticTable({ seed, nRows, nGroups, nClasses, groupShift: 1.5, nFeatures: 3 }) from the library:
three discrete features whose distribution and label depend on the group, so fairness and accuracy conflict. No
files are needed.

Examples:
  $ fairlimit demo
  $ fairlimit demo --seed 7 --groups 3 --classes 3 --sp 0:0.2:0.02 --plot demo.svg
`;

/** Where a newcomer goes from here, after the table (on stderr: stdout holds only the result). */
const NEXT_STEPS = `
Next:
  npx fairlimit demo --html demo.html          the same frontier as a chart with tables, one offline page
  npx fairlimit frontier YOUR.csv --group COLUMN --label COLUMN --html report.html
                                               your data (README.md, "Your CSV in three commands")
  npx fairlimit frontier --help                every option, with examples
`;

export const registerDemo: RegisterCommand = (program: Command, { io, setExitCode }) => {
  const cmd = program
    .command('demo')
    .description('the frontier of a built-in seeded synthetic data set (no data files needed)')
    .option('--seed <n>', 'seed of the generator', '1')
    .option('--rows <n>', 'rows to draw', '5000')
    .option('--groups <n>', 'number of groups', '2')
    .option('--classes <n>', 'number of label classes', '2');
  addConstraintOptions(cmd);
  addCriteriaOptions(cmd);
  addEstimationOptions(cmd, { withSeed: false });
  addOutputOptions(cmd);
  cmd.addHelpText('after', EXAMPLES).action(async (options: DemoOptions) => {
    const seed = integerInRange(options.seed, '--seed', OPTION_LIMITS.seed.min, OPTION_LIMITS.seed.max);
    const nRows = integerInRange(options.rows, '--rows', 1, SYNTHETIC_LIMITS.nRows);
    const nGroups = integerInRange(options.groups, '--groups', 2, SYNTHETIC_LIMITS.nGroups);
    const nClasses = integerInRange(options.classes, '--classes', 2, SYNTHETIC_LIMITS.nClasses);
    const constraints = constraintsOf(options);
    await checkOutputOptions(options);
    const estimation = estimationOf({ ...options, seed: undefined }, seed);
    const table = syntheticTable({
      seed,
      nRows,
      nGroups,
      nClasses,
      ...DEMO_GENERATOR,
    });
    const progress = progressBar(io, 'solving', { enabled: wantsProgress(options) });
    try {
      const report = await frontierReport(
        { table, source: { kind: 'synthetic', name: table.name, seed } },
        { ...constraints, estimation, seed, onProgress: progress.onProgress },
      );
      progress.stop();
      await emitReport(report, options, io);
      if (wantsProgress(options) && options.out === undefined) io.stderr.write(NEXT_STEPS);
    } finally {
      progress.stop();
    }
    setExitCode(0);
  });
};
