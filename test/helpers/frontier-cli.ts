/** The command most CLI data tests start from. */
import { type CliRun, runCli } from '../cli/run-cli.js';

/** `fairlimit frontier FILE --group g --label y ...rest`, run in process with captured output. */
export function runFrontierGY(file: string, ...rest: readonly string[]): Promise<CliRun> {
  return runCli(['frontier', file, '--group', 'g', '--label', 'y', ...rest]);
}
