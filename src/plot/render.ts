import type { TopLevelSpec } from 'vega-lite';
import type { VegaLiteSpec } from './style.js';

/**
 * Renders a vega-lite spec to SVG text, headless (vega's SVG string renderer, no browser, no canvas).
 * vega and vega-lite are loaded on first use: the CLI only pays for them when it draws.
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vegaLite.compile(spec as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
