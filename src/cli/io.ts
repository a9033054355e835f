import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FairlimitError, InputError } from '../errors.js';

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

/** Exit codes (STYLE §10). */
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

/** "fairlimit: E_CODE: message" (one line). */
export function formatError(error: unknown): string {
  if (error instanceof FairlimitError) return `fairlimit: ${error.code}: ${error.message}`;
  const message = error instanceof Error ? error.message : String(error);
  return `fairlimit: E_INTERNAL: ${message}`;
}

/**
 * Writes files all-or-nothing: every content is first written to a temporary file beside its target, then all
 * are renamed into place. A failure before the renames removes the temporary files and leaves targets untouched.
 * @throws InputError E_FILE_MISSING when a directory does not exist or is not writable
 */
export async function writeFilesAtomically(
  files: readonly { path: string; content: string | Uint8Array }[],
): Promise<void> {
  const temps: { temp: string; path: string }[] = [];
  try {
    for (const f of files) {
      const temp = join(
        dirname(f.path),
        `.${basename(f.path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
      );
      temps.push({ temp, path: f.path });
      await writeFile(temp, f.content);
    }
  } catch (e) {
    await Promise.all(temps.map((t) => unlink(t.temp).catch(() => undefined)));
    throw new InputError(
      'E_FILE_MISSING',
      `cannot write output: ${(e as Error).message}`,
      { file: files[temps.length - 1]?.path },
      { cause: e },
    );
  }
  for (const t of temps) await rename(t.temp, t.path);
}
