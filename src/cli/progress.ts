import cliProgress from 'cli-progress';
import type { Io } from './io.js';

export interface Progress {
  /** Pass to the library as `onProgress`. */
  readonly onProgress: (done: number, total: number) => void;
  stop(): void;
}

/**
 * A progress bar on stderr for long runs; shown only on a terminal, never with --json or --quiet (the bar
 * itself has no colors, so NO_COLOR has nothing to remove).
 */
export function progressBar(io: Io, label: string, options: { readonly enabled: boolean }): Progress {
  if (!options.enabled || io.stderr.isTTY !== true)
    return { onProgress: () => undefined, stop: () => undefined };
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
