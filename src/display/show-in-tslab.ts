import { InputError } from '../errors.js';
import { type Displayable, isDisplayable, JUPYTER_DISPLAY } from './mime-bundle.js';
import { kernelTslab } from './tslab-kernel.js';

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
