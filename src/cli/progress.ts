import cliProgress from 'cli-progress';
import type { Io } from './io.js';

export interface Progress {
  /** Pass to the library as `onProgress`. */
  readonly onProgress: (done: number, total: number) => void;
  stop(): void;
}

/** Off a terminal, a long run says how far it is at most this often (and not at all in its first interval). */
export const PROGRESS_LINE_MS = 10_000;

/**
 * Progress off a terminal (a log, CI, a pipe): one line "fairlimit: LABEL DONE/TOTAL" when an interval has passed
 * since the start or the last line, so a run of minutes (--bootstrap 100000) shows it is alive while short runs
 * print nothing. Ctrl-C (SIGINT) ends the run at any point: nothing is written before the results are complete.
 */
function progressLines(io: Io, label: string, intervalMs: number): Progress {
  let last = Date.now();
  return {
    onProgress(done, total) {
      const now = Date.now();
      if (now - last < intervalMs || done >= total) return;
      last = now;
      io.stderr.write(`fairlimit: ${label} ${done}/${total}\n`);
    },
    stop: () => undefined,
  };
}

/**
 * A progress bar on stderr for long runs on a terminal, and a line every PROGRESS_LINE_MS off a terminal; never
 * with --json or --quiet (the bar itself has no colors, so NO_COLOR has nothing to remove).
 */
export function progressBar(
  io: Io,
  label: string,
  options: { readonly enabled: boolean; readonly lineIntervalMs?: number },
): Progress {
  if (!options.enabled) return { onProgress: () => undefined, stop: () => undefined };
  if (io.stderr.isTTY !== true) return progressLines(io, label, options.lineIntervalMs ?? PROGRESS_LINE_MS);
  let bar: cliProgress.SingleBar | undefined;
  return {
    onProgress(done, total) {
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            stream: io.stderr as unknown as NodeJS.WritableStream,
            format: `${label} [{bar}] {value}/{total} {eta_formatted}`,
            hideCursor: false,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}
