// File names for exports: the right extension for the format, added when the
// name has none (or the wrong one for the format, e.g. "graph.png" as SVG).

export type ExportFormat = 'png' | 'jpeg' | 'svg' | 'dot' | 'json';

export const formatInfo: Record<ExportFormat, { ext: string; mime: string; label: string; exts: string[] }> = {
  png: { ext: 'png', mime: 'image/png', label: 'PNG image', exts: ['png'] },
  jpeg: { ext: 'jpg', mime: 'image/jpeg', label: 'JPEG image', exts: ['jpg', 'jpeg'] },
  svg: { ext: 'svg', mime: 'image/svg+xml', label: 'SVG image', exts: ['svg'] },
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

/** A default name: the program's file name without its extension, or "graph", plus the step. */
export function suggestedName(program: string | null, step: { position: number; total: number } | null, format: ExportFormat): string {
  const file = program?.split(/[\\/]/).pop()?.replace(/\.[^.]*$/, '') || 'graph';
  const at = step && step.total > 0 && step.position < step.total ? `-step${step.position}` : '';
  return withExtension(`${file}${at}`, format);
}
