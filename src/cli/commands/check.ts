import { Option, type Command } from 'commander';
import { MAX_GAP_RANGE, checkReport, isMaxGap, type GapEstimate } from '../../report/index.js';
import type { RegisterCommand } from '../context.js';
import { ExitCode, terminalText } from '../io.js';
import { numberOption } from '../number-options.js';
import { readReportFile } from './read-report.js';

const EXAMPLES = `
Exit status: 0 when every model in the report is within --max-gap of the frontier, 3 when one is not (the reason
is printed on one line), 1 or 2 on bad input.

--estimate picks the end of each model's gap bracket: in-sample (against the optimistic in-sample frontier, the
upper end), held-out (against the frontier held-out rows can reach, the lower end), or bracket (fail only when
even the lower end exceeds --max-gap). Default: bracket when the report has held-out gaps (frontier --folds K
--seed N), else in-sample.

Example (a CI gate):
  $ fairlimit frontier data.csv --group g --label y --predictions yhat --json > report.json
  $ fairlimit check report.json --max-gap 0.02
  $ fairlimit frontier data.csv --group g --label y --predictions yhat --folds 5 --seed 1 --json > report.json
  $ fairlimit check report.json --max-gap 0.02 --estimate bracket
`;

export const registerCheck: RegisterCommand = (program: Command, { io, setExitCode }) => {
  program
    .command('check')
    .description('fail (exit 3) when a model is farther than --max-gap below the frontier')
    .argument('<report>', 'JSON report with models (fairlimit frontier --predictions or --model)')
    .requiredOption('--max-gap <x>', 'largest accepted epistemic gap (accuracy units)')
    .addOption(
      new Option(
        '--estimate <which>',
        'gap estimate: in-sample, held-out or bracket (default: bracket when the report has held-out gaps, else in-sample)',
      ).choices(['in-sample', 'held-out', 'bracket']),
    )
    .addHelpText('after', EXAMPLES)
    .action(async (file: string, options: { maxGap: string; estimate?: GapEstimate }) => {
      const maxGap = numberOption(
        options.maxGap,
        '--max-gap',
        isMaxGap,
        `a number from ${MAX_GAP_RANGE.min} to ${MAX_GAP_RANGE.max} (accuracy units)`,
      );
      const report = await readReportFile(file);
      const result = checkReport(report, {
        maxGap,
        ...(options.estimate ? { estimate: options.estimate } : {}),
      });
      if (result.passed) {
        io.stdout.write(`ok: ${terminalText(null, result.reason)}\n`);
        setExitCode(ExitCode.ok);
      } else {
        io.stderr.write(`fairlimit: E_CHECK_FAILED: ${terminalText(null, result.reason)}\n`);
        setExitCode(ExitCode.checkFailed);
      }
    });
};
