import { Command, CommanderError } from 'commander';
import type { CliContext, RegisterCommand } from './context.js';
import { ExitCode, type Io, colors, exitCodeOf, formatError, terminalText } from './io.js';
import { FAIRLIMIT_VERSION } from '../version.js';

export type { Io } from './io.js';

/**
 * Every command, one file each in ./commands; add a command by adding its file and one line here. A command's
 * module (and what it imports: the LP, data readers, charts) is loaded only when the command line names it, so
 * `fairlimit --version` and `fairlimit check` start fast (bench/startup.ts); help loads them all.
 */
const COMMANDS: Readonly<Record<string, () => Promise<RegisterCommand>>> = {
  frontier: async () => (await import('./commands/frontier.js')).registerFrontier,
  demo: async () => (await import('./commands/demo.js')).registerDemo,
  card: async () => (await import('./commands/card.js')).registerCard,
  check: async () => (await import('./commands/check.js')).registerCheck,
  benchmark: async () => (await import('./commands/benchmark.js')).registerBenchmark,
  missing: async () => (await import('./commands/missing.js')).registerMissing,
  sql: async () => (await import('./commands/sql.js')).registerSql,
  apply: async () => (await import('./commands/apply.js')).registerApply,
};

/** The command modules to load for `argv`: the one it names; none for --version; all for help and mistakes. */
function commandsFor(argv: readonly string[]): string[] {
  const first = argv[0];
  if (first !== undefined && Object.hasOwn(COMMANDS, first)) return [first];
  if (argv.length === 1 && (first === '--version' || first === '-V')) return [];
  return Object.keys(COMMANDS);
}

const EXAMPLES = `
Examples:
  $ fairlimit demo
  $ fairlimit frontier --dataset compas --eo 0,0.01,0.05
  $ fairlimit frontier data.csv --group race --label y --eo 0:0.1:0.01 --html report.html
`;

/**
 * The command line: parses `argv` (without node and the script), runs one command, and returns the exit code
 * (0 ok, 1 runtime or data error, 2 usage error, 3 check failed, 4 infeasible constraints). Never exits the
 * process and never throws; errors are printed as "fairlimit: E_CODE: message" on stderr.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode: ExitCode = ExitCode.ok;
  const context: CliContext = { io, setExitCode: (code) => (exitCode = code) };
  const program = new Command()
    .name('fairlimit')
    .description(
      'How fair can any classifier be on your data? Exact fairness Pareto frontiers and the gap of real models.',
    )
    .version(FAIRLIMIT_VERSION)
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) =>
        write(
          `${s
            .replace(/^error: /, 'fairlimit: E_USAGE: ')
            .trimEnd()
            .split('\n')
            .map((line) => colors(io, io.stderr).red(terminalText(null, line)))
            .join('\n')}\n`,
        ),
    })
    .addHelpText('after', EXAMPLES);
  program.configureHelp({ showGlobalOptions: false });
  try {
    for (const name of commandsFor(argv)) (await COMMANDS[name]())(program, context);
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with exit code 0; everything else commander refuses is a usage error.
      if (e.exitCode === 0) return ExitCode.ok;
      return ExitCode.usage;
    }
    io.stderr.write(`${colors(io, io.stderr).red(formatError(e))}\n`);
    return exitCodeOf(e);
  }
}
