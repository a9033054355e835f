import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { InputError } from '../errors.js';
import { type Displayable, type MimeBundle, isDisplayable, JUPYTER_DISPLAY } from './mime-bundle.js';

/** The parts of tslab this helper uses: its public display API, and the kernel's raw display_data writer. */
interface TslabDisplay {
  raw(contentType: string, content: string): void;
}
interface TslabModules {
  readonly display: TslabDisplay;
  readonly writeDisplayData?: (
    data: { data: MimeBundle; metadata: object; transient: object },
    update: boolean,
  ) => void;
}

/**
 * The tslab instance that runs this kernel. tslab's kernel is the process's main script, so its own copy of
 * the `tslab` package (the one whose display hook is live) resolves from there, wherever fairlimit is installed.
 */
function kernelTslab(): TslabModules | undefined {
  const main = process.argv[1];
  if (!main) return undefined;
  try {
    const require = createRequire(realpathSync(main));
    const tslab = require('tslab') as { display?: TslabDisplay };
    if (!tslab.display || typeof tslab.display.raw !== 'function') return undefined;
    // One display_data message with every MIME type needs tslab's internal writer (the public API sends one
    // type per call); it is set while a cell runs.
    let writeDisplayData: TslabModules['writeDisplayData'];
    try {
      const jupyter = require('tslab/dist/jupyter') as {
        lastWriteDisplayData?: TslabModules['writeDisplayData'] | null;
      };
      writeDisplayData = jupyter.lastWriteDisplayData ?? undefined;
    } catch {
      writeDisplayData = undefined; // a tslab without that module: fall back to the public API below
    }
    return { display: tslab.display, ...(writeDisplayData ? { writeDisplayData } : {}) };
  } catch {
    return undefined;
  }
}

/**
 * Shows a displayable as a rich output in a tslab notebook: one display_data message
 * carrying text/plain, text/html, image/svg+xml and the vega-lite spec, so each frontend picks what it renders.
 * Outside a notebook use `x.bundle['text/plain']`, or `console.log(x)`.
 * @throws InputError E_USAGE (not a displayable; not running inside a tslab kernel)
 * @example
 * import { display, show } from 'fairlimit';
 * show(await display.frontier(sweep));
 */
export function show(value: Displayable): void {
  if (value instanceof Promise)
    throw new InputError('E_USAGE', 'show() got a promise: write show(await display.frontier(...))');
  if (!isDisplayable(value))
    throw new InputError(
      'E_USAGE',
      'show() takes a value made by display.frontier, display.benchmark, display.missing or display.table',
    );
  const tslab = kernelTslab();
  if (!tslab)
    throw new InputError(
      'E_USAGE',
      'show() works inside a tslab notebook kernel; elsewhere print x.bundle["text/plain"] or write x.bundle["text/html"]',
    );
  const bundle = value[JUPYTER_DISPLAY]();
  if (tslab.writeDisplayData) {
    tslab.writeDisplayData({ data: bundle, metadata: {}, transient: {} }, false);
    return;
  }
  try {
    tslab.display.raw('text/html', bundle['text/html']);
  } catch (cause) {
    // tslab is installed but no cell is running (e.g. a script or a test that can resolve the package).
    throw new InputError('E_USAGE', 'show() works inside a running tslab notebook kernel', {}, { cause });
  }
}
