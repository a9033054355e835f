import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { MimeBundle } from './mime-bundle.js';

/** The parts of tslab used here: its public display API, and the kernel's raw display_data writer. */
export interface TslabDisplay {
  raw(contentType: string, content: string): void;
}
type WriteDisplayData = (
  data: { data: MimeBundle; metadata: object; transient: object },
  update: boolean,
) => void;

export interface TslabKernel {
  readonly display: TslabDisplay;
  /** Set while a cell runs: sends one display_data message with every MIME type of a bundle. */
  readonly writeDisplayData?: WriteDisplayData;
}

/** True when this process is a tslab kernel (`tslab kernel --config-path ...`), judged from argv alone. */
export function isTslabKernelProcess(argv: readonly string[] = process.argv): boolean {
  const main = argv[1];
  if (!main || !argv.includes('kernel')) return false;
  try {
    return path.basename(realpathSync(main)) === 'tslab';
  } catch {
    return false;
  }
}

/**
 * The tslab instance that runs this kernel, or undefined outside one. tslab's kernel is the process's main
 * script, so its own copy of the `tslab` package (the one whose display hook is live) resolves from there,
 * wherever fairlimit is installed.
 */
export function kernelTslab(): TslabKernel | undefined {
  if (!isTslabKernelProcess()) return undefined;
  try {
    const require = createRequire(realpathSync(process.argv[1]));
    const tslab = require('tslab') as { display?: TslabDisplay };
    if (!tslab.display || typeof tslab.display.raw !== 'function') return undefined;
    // One display_data message with every MIME type needs tslab's internal writer (its public API sends one
    // type per call); tslab sets it while a cell runs.
    let writeDisplayData: WriteDisplayData | undefined;
    try {
      const jupyter = require('tslab/dist/jupyter') as { lastWriteDisplayData?: WriteDisplayData | null };
      writeDisplayData = jupyter.lastWriteDisplayData ?? undefined;
    } catch {
      writeDisplayData = undefined; // a tslab without that module: callers fall back to the public API
    }
    return { display: tslab.display, ...(writeDisplayData ? { writeDisplayData } : {}) };
  } catch {
    return undefined;
  }
}

/** Sends the whole bundle as one rich output when a tslab cell is running; false when it cannot. */
export function sendToKernel(bundle: MimeBundle): boolean {
  const tslab = kernelTslab();
  if (!tslab?.writeDisplayData) return false;
  tslab.writeDisplayData({ data: bundle, metadata: {}, transient: {} }, false);
  return true;
}
