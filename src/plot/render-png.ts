import type { VegaLiteSpec } from './style.js';
import { renderSvg } from './render.js';

// Node only: resvg is a native module. The SVG side (render.ts) is browser-safe.

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
export async function renderPng(spec: VegaLiteSpec, options: PngOptions = {}): Promise<Uint8Array> {
  return svgToPng(await renderSvg(spec), options);
}
