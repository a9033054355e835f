import { inspect } from 'node:util';
import { sendToKernel } from './tslab-kernel.js';

/**
 * The Jupyter display protocol's key: an object with a method under this symbol renders rich output when it is
 * a cell's last value (the protocol of Deno's kernel). In tslab, which logs a cell's last value, the same
 * happens through `inspect.custom` below; `show` displays one in the middle of a cell.
 */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for('Jupyter.display');

/** MIME type of a vega-lite chart that JupyterLab and VS Code render interactively. */
export const VEGA_LITE_MIME = 'application/vnd.vegalite.v5+json';

/**
 * One rich output, keyed by MIME type. Frontends show the richest type they support: `text/html` (the chart as
 * inline SVG above its table) in JupyterLab, the classic notebook and nbconvert's HTML; `text/plain` in a terminal.
 */
export interface MimeBundle {
  readonly 'text/plain': string;
  readonly 'text/html': string;
  /** The chart alone (absent for a plain table). */
  readonly 'image/svg+xml'?: string;
  /** The chart's vega-lite spec, data inline (absent for a plain table). */
  readonly 'application/vnd.vegalite.v5+json'?: object;
}

/** A result wrapped for notebooks: plain data in `bundle`, rendered by any kernel that honours the protocol. */
export interface Displayable {
  readonly bundle: MimeBundle;
  [JUPYTER_DISPLAY](): MimeBundle;
}

/** Wraps a bundle; outside a notebook, `console.log` and string conversion print its text/plain form. */
export function displayable(bundle: MimeBundle): Displayable {
  return {
    bundle,
    [JUPYTER_DISPLAY]: () => bundle,
    // tslab prints a cell's last value with console.log, which lands here: inside a running tslab cell the
    // bundle goes out as a rich output (and the log line stays empty); anywhere else the text table prints.
    [inspect.custom]: () => (sendToKernel(bundle) ? '' : bundle['text/plain']),
    toString: () => bundle['text/plain'],
  } as Displayable;
}

/** True when `x` implements the display protocol. */
export function isDisplayable(x: unknown): x is Displayable {
  return typeof x === 'object' && x !== null && typeof (x as Displayable)[JUPYTER_DISPLAY] === 'function';
}

/**
 * `value` (plain data, e.g. a report) made displayable in place of a copy: the bundle and the display hooks are
 * non-enumerable, so `JSON.stringify`, spreading and structural equality see only the data.
 */
export function withDisplay<T extends object>(value: T, bundle: MimeBundle): T & Displayable {
  const out = { ...value };
  const hooks = displayable(bundle) as unknown as Record<PropertyKey, unknown>;
  for (const key of ['bundle', JUPYTER_DISPLAY, inspect.custom, 'toString'] as const)
    Object.defineProperty(out, key, { value: hooks[key], enumerable: false });
  return out as T & Displayable;
}
