import { renderSvg, type VegaLiteSpec } from '../plot/index.js';
import { type Displayable, type MimeBundle, VEGA_LITE_MIME, displayable } from './mime-bundle.js';
import { type DisplayTable, escapeHtml, htmlTable, textTable } from '../report/table-text.js';

/** What one rich output shows: a heading, an optional chart, tables, and notes (warnings, skipped methods). */
export interface RichContent {
  readonly heading: string;
  readonly spec?: VegaLiteSpec;
  readonly tables: readonly DisplayTable[];
  readonly notes?: readonly string[];
  /** Render the spec to SVG (default true); false keeps only the vega-lite spec in the bundle. */
  readonly renderChart?: boolean;
}

/**
 * The spec under the MIME type frontends render interactively, which is still named v5 (JupyterLab, VS Code);
 * our v6 specs use no v6-only feature, so the $schema is relabelled to match the MIME type.
 */
function asV5(spec: VegaLiteSpec): object {
  return { ...spec, $schema: 'https://vega.github.io/schema/vega-lite/v5.json' };
}

/**
 * Renders the chart to SVG (headless vega) and assembles the MIME bundle: text/plain (heading, text tables,
 * notes), text/html (the same with the chart as inline SVG), image/svg+xml and the vega-lite spec.
 */
export async function richDisplayable(content: RichContent): Promise<Displayable> {
  const svg = content.spec && content.renderChart !== false ? await renderSvg(content.spec) : undefined;
  const notes = content.notes ?? [];
  const text = [
    content.heading,
    ...content.tables.map((t) => `\n${textTable(t)}`),
    ...(notes.length > 0 ? ['', ...notes.map((n) => `note: ${n}`)] : []),
  ].join('\n');
  const html = [
    '<div class="fairlimit-display">',
    `<p><b>${escapeHtml(content.heading)}</b></p>`,
    ...(svg ? [`<div class="fairlimit-chart">${svg}</div>`] : []),
    ...content.tables.map(htmlTable),
    ...(notes.length > 0 ? [`<ul>${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`] : []),
    '</div>',
  ].join('\n');
  const bundle: MimeBundle = {
    'text/plain': text,
    'text/html': html,
    ...(svg ? { 'image/svg+xml': svg } : {}),
    ...(content.spec ? { [VEGA_LITE_MIME]: asV5(content.spec) } : {}),
  };
  return displayable(bundle);
}
