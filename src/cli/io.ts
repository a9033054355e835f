import { FairlimitError, InputError, formatWhere } from '../errors.js';

/** Where the CLI writes: injectable so that tests run `main` in-process. */
export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface Io {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Exit codes (the README lists them). */
export const ExitCode = { ok: 0, runtime: 1, usage: 2, checkFailed: 3, infeasible: 4 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Error codes that mean "bad arguments" (exit 2) rather than bad data (exit 1). */
const USAGE_CODES = new Set(['E_USAGE', 'E_BAD_OPTION', 'E_BAD_ALPHA', 'E_BAD_BINS', 'E_BAD_EXPRESSION']);

/** The exit code for an error thrown by a command. */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof FairlimitError) {
    if (error.code === 'E_INFEASIBLE') return ExitCode.infeasible;
    if (error.code === 'E_CHECK_FAILED') return ExitCode.checkFailed;
    if (error instanceof InputError && USAGE_CODES.has(error.code)) return ExitCode.usage;
  }
  return ExitCode.runtime;
}

/** Colors only on a terminal and never with NO_COLOR (https://no-color.org). */
export function colors(io: Io, stream: OutputStream) {
  const on = stream.isTTY === true && !(io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '');
  const wrap = (open: number, close: number) => (s: string) =>
    on ? `\u001b[${open}m${s}\u001b[${close}m` : s;
  return { enabled: on, red: wrap(31, 39), yellow: wrap(33, 39), bold: wrap(1, 22), dim: wrap(2, 22) };
}

/**
 * Control characters that a terminal may act on: C0 except tab and newline, DEL, C1 (U+0080-U+009F, e.g. the
 * 8-bit CSI U+009B), and the bidirectional overrides that reorder what is shown (U+202A-U+202E, U+2066-U+2069).
 */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const hex = (c: string) => c.charCodeAt(0).toString(16).padStart(2, '0');

/**
 * Text made safe to show on a terminal: control characters from data or arguments (a group named
 * "ESC]0;pwned BEL" would retitle the terminal) become visible escapes (`\x1b`, `\u202e`). JSON keeps its
 * exact meaning: its remaining raw control characters become JSON escapes (`\u009b`). Applied always when
 * `stream` is null (one-line messages on stderr, where a newline becomes `\\n` too), else only when the stream
 * is a terminal, so that files and pipes get the exact output.
 */
export function terminalText<T extends string | Uint8Array>(
  stream: OutputStream | null,
  content: T,
  format?: string,
): T {
  if (typeof content !== 'string' || (stream !== null && stream.isTTY !== true)) return content;
  // A message stays on one line.
  const text = stream === null ? content.replace(/\n/g, '\\n') : content;
  if (format === 'json') return text.replace(TERMINAL_CONTROL, (c) => `\\u${hex(c).padStart(4, '0')}`) as T;
  return text.replace(TERMINAL_CONTROL, (c) =>
    c.charCodeAt(0) > 0xff ? `\\u${hex(c).padStart(4, '0')}` : `\\x${hex(c)}`,
  ) as T;
}

/**
 * Library options as the CLI spells them: a library error names the library's option (`folds`, `minority`), the
 * CLI shows the flag that sets it.
 */
const FLAG_OF_LIBRARY_OPTION: Readonly<Record<string, string>> = {
  folds: '--folds',
  holdout: '--holdout',
  bootstrap: '--bootstrap',
  seed: '--seed',
  seeds: '--seeds',
  minority: '--minority',
  alpha: '--sp/--eo/--oae',
  alphas: '--sp/--eo/--oae',
  timeLimitSeconds: '--time-limit',
  algorithm: '--algorithm',
  method: '--method',
  nRows: '--rows',
  nGroups: '--groups',
  nClasses: '--classes',
  eps: '--knobs reduction=EPS',
  knobs: '--knobs',
  measure: '--measure',
  referenceGroup: '--reference-group',
  disparityBand: '--disparity-band',
  // Library options without a flag: the CLI's message names no option.
  count: '',
  rows: '',
  protocol: '--protocol',
  columns: '--perturb',
  driver: '--driver',
  numericColumns: '--numeric',
  group: '--group',
  label: '--label',
  strength: '--strength',
};

/** "fairlimit: E_CODE: message (place)" on one line, with library option names mapped to CLI flags. */
export function formatError(error: unknown): string {
  if (error instanceof FairlimitError) {
    const where = error.where;
    const option = where?.option;
    const flag =
      option !== undefined && !option.startsWith('-') && Object.hasOwn(FLAG_OF_LIBRARY_OPTION, option)
        ? FLAG_OF_LIBRARY_OPTION[option]
        : option;
    const mapped = where && { ...where, option: flag === '' ? undefined : flag };
    const place = mapped ? formatWhere(mapped) : '';
    const message = place ? `${error.reason} (${place})` : error.reason;
    return `fairlimit: ${error.code}: ${terminalText(null, message)}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `fairlimit: E_INTERNAL: ${terminalText(null, message)}`;
}
