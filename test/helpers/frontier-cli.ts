/** The command most CLI data tests start from. */
import { type CliRun, runCli } from '../cli/run-cli.js';

/**
 * `fairlimit frontier FILE --group g --label y --estimate cells ...rest`, run in process with captured output.
 * The data-option tests check the exact LP on the file's own cells, so they ask for it (a CSV without named
 * cells defaults to the posterior estimate); give `--estimate` in `rest` to choose otherwise.
 */
export function runFrontierGY(file: string, ...rest: readonly string[]): Promise<CliRun> {
  const estimate = rest.includes('--estimate') ? [] : ['--estimate', 'cells'];
  return runCli(['frontier', file, '--group', 'g', '--label', 'y', ...estimate, ...rest]);
}
