// File names for exports: the right extension for the format, added when the
// name has none (or the wrong one for the format, e.g. "graph.png" as SVG).

import { figureFileName } from '../../../engine/figure/figure.js';

export type ExportFormat = 'png' | 'jpeg' | 'svg' | 'gif' | 'webm' | 'dot' | 'json';

export const formatInfo: Record<ExportFormat, { ext: string; mime: string; label: string; exts: string[] }> = {
  png: { ext: 'png', mime: 'image/png', label: 'PNG image', exts: ['png'] },
  jpeg: { ext: 'jpg', mime: 'image/jpeg', label: 'JPEG image', exts: ['jpg', 'jpeg'] },
  svg: { ext: 'svg', mime: 'image/svg+xml', label: 'SVG image', exts: ['svg'] },
  gif: { ext: 'gif', mime: 'image/gif', label: 'GIF animation', exts: ['gif'] },
  webm: { ext: 'webm', mime: 'video/webm', label: 'WebM video', exts: ['webm'] },
  dot: { ext: 'dot', mime: 'text/vnd.graphviz', label: 'Graphviz DOT', exts: ['dot', 'gv'] },
  json: { ext: 'json', mime: 'application/json', label: 'gradscope.graph/1 JSON', exts: ['json'] },
};

/** `name` with the format's extension: kept when it already has one of the format's, else appended. */
export function withExtension(name: string, format: ExportFormat): string {
  const info = formatInfo[format];
  const base = name.trim() === '' ? 'graph' : name.trim();
  const dot = base.lastIndexOf('.');
  const slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
  const ext = dot > slash + 1 ? base.slice(dot + 1).toLowerCase() : '';
  return info.exts.includes(ext) ? base : `${base.replace(/\.$/, '')}.${info.ext}`;
}

/**
 * A default name from the document: `tanh-neuron.call1.step5.png` for a
 * figure of call 1 at step 5, `tanh-neuron.call1.gif` for an animation of it,
 * `tanh-neuron.json` for the whole run; "graph" for an unnamed program.
 */
export function suggestedName(program: string | null, at: { call: number; position: number } | null, format: ExportFormat): string {
  const whole = format === 'json';
  const animation = format === 'gif' || format === 'webm';
  const name = figureFileName(program, whole || at === null ? null : at.call, animation || at === null ? null : at.position, formatInfo[format].ext);
  return withExtension(name, format);
}
