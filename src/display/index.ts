/**
 * Notebook display: results wrapped as rich outputs (Jupyter display protocol: text/plain, text/html,
 * image/svg+xml, vega-lite) and `show` for tslab. Results stay plain data; these only present them.
 */
export { frontier, type FrontierInput } from './display-frontier.js';
export { benchmark, type BenchmarkInput } from './display-benchmark.js';
export { missing } from './display-missing.js';
export { table, type TableOptions } from './display-table.js';
export { show } from './show-in-tslab.js';
export {
  JUPYTER_DISPLAY,
  VEGA_LITE_MIME,
  isDisplayable,
  type Displayable,
  type MimeBundle,
} from './mime-bundle.js';
