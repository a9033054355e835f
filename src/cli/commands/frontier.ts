import type { Command } from 'commander';
import { frontierReport } from '../../report/index.js';
import type { RegisterCommand } from '../context.js';
import {
  type ConstraintOptionValues,
  type DataOptionValues,
  type EstimationOptionValues,
  type OutputOptionValues,
  addConstraintOptions,
  addDataOptions,
  addEstimationOptions,
  addOutputOptions,
  constraintsOf,
  emitReport,
  estimationOf,
  loadInput,
  wantsProgress,
} from '../options.js';
import { progressBar } from '../progress.js';

type FrontierOptions = DataOptionValues &
  ConstraintOptionValues &
  EstimationOptionValues &
  OutputOptionValues;

const EXAMPLES = `
Examples:
  $ fairlimit frontier --dataset compas --eo 0,0.01,0.05 --json
  $ fairlimit frontier data.csv --group race --label y --bins age=quantile:5 --eo 0:0.1:0.01 --plot frontier.svg
  $ fairlimit frontier data.csv --group race,sex --label y --sp 0:0.2:0.05 --eo 0:0.2:0.05 --html report.html
  $ fairlimit frontier data.csv --group g --label y --predictions yhat --out report.json
  $ fairlimit frontier --dataset compas --eo 0,0.02 --folds 5 --bootstrap 20 --seed 1 --json
`;

export const registerFrontier: RegisterCommand = (program: Command, { io, setExitCode }) => {
  const cmd = program
    .command('frontier')
    .description('exact fairness Pareto frontier (FairFront) of a CSV file or a reference data set')
    .argument('[file]', 'CSV file');
  addDataOptions(cmd);
  addConstraintOptions(cmd);
  addEstimationOptions(cmd, { withSeed: true });
  addOutputOptions(cmd);
  cmd.addHelpText('after', EXAMPLES).action(async (file: string | undefined, options: FrontierOptions) => {
    const constraints = constraintsOf(options); // usage errors before reading any data
    const estimation = estimationOf(options);
    const input = await loadInput(file, options);
    const progress = progressBar(io, 'solving', { enabled: wantsProgress(options) });
    try {
      const report = await frontierReport(input, {
        ...constraints,
        estimation,
        onProgress: progress.onProgress,
      });
      progress.stop();
      await emitReport(report, options, io);
    } finally {
      progress.stop();
    }
    setExitCode(0);
  });
};
