import type { Io } from './io.js';
import { main } from './main.js';

/** Errors of a write to a stream whose reader has gone (`fairlimit ... | head -1`). */
const CLOSED_STREAM = new Set(['EPIPE', 'ERR_STREAM_DESTROYED', 'ECONNRESET']);

/**
 * The process's streams as an `Io`, with a closed stdout or stderr handled: Node reports a write to a closed pipe
 * as an asynchronous 'error' event, which, unhandled, prints a stack trace and exits 1. A closed stdout means the
 * reader wants no more output, so the process ends at once and quietly with the exit code decided so far (0 for
 * `--help | head -1`); a closed stderr only loses messages.
 */
export function processIo(): Io {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (CLOSED_STREAM.has(e.code ?? '')) process.exit(process.exitCode ?? 0);
    throw e;
  });
  process.stderr.on('error', (e: NodeJS.ErrnoException) => {
    if (!CLOSED_STREAM.has(e.code ?? '')) throw e;
  });
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** The `fairlimit` executable: runs `main` on the process's arguments and streams and sets the exit code. */
export async function runFromProcess(): Promise<void> {
  process.exitCode = await main(process.argv.slice(2), processIo());
}
