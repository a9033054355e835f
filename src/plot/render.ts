import type { TopLevelSpec } from 'vega-lite';

/**
 * Renders a vega-lite spec to SVG text, headless (vega's SVG string renderer, no browser, no canvas).
 * vega and vega-lite are loaded on first use: the CLI only pays for them when it draws.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export interface PngOptions {
  /** Output width in pixels (the SVG is scaled). Default: twice the SVG's width. */
  readonly width?: number;
}

/** Renders SVG text to PNG bytes with resvg (system fonts, white background). */
export async function svgToPng(svg: string, options: PngOptions = {}): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js');
  const widthMatch = /<svg[^>]*\bwidth="([\d.]+)"/.exec(svg);
  const width = options.width ?? (widthMatch ? Math.round(Number(widthMatch[1]) * 2) : 1000);
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'width', value: width },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

/** Renders a spec to PNG bytes (through SVG). */
export async function renderPng(spec: TopLevelSpec, options: PngOptions = {}): Promise<Uint8Array> {
  return svgToPng(await renderSvg(spec), options);
}
