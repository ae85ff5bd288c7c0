import { describe, expect, it } from 'vitest';
import { EXPORT_KINDS, exportFilters, exportPath, isExportKind } from '../core/export-files.js';

describe('exportPath', () => {
  it('adds the kind’s extension to a bare name from the Save dialog', () => {
    expect(exportPath('/home/u/graph', 'png')).toBe('/home/u/graph.png');
    expect(exportPath('/home/u/graph', 'jpeg')).toBe('/home/u/graph.jpg');
    expect(exportPath('/home/u/graph', 'svg')).toBe('/home/u/graph.svg');
    expect(exportPath('/home/u/graph', 'dot')).toBe('/home/u/graph.dot');
    expect(exportPath('/home/u/graph', 'json')).toBe('/home/u/graph.json');
  });

  it('keeps an extension the user typed, and ignores dots in folders', () => {
    expect(exportPath('/home/u/graph.jpeg', 'jpeg')).toBe('/home/u/graph.jpeg');
    expect(exportPath('/home/u/v1.2/graph', 'dot')).toBe('/home/u/v1.2/graph.dot');
  });
});

describe('export kinds', () => {
  it('knows the seven kinds and only those', () => {
    expect(Object.keys(EXPORT_KINDS)).toEqual(['png', 'jpeg', 'svg', 'gif', 'webm', 'dot', 'json']);
    expect(isExportKind('png')).toBe(true);
    expect(isExportKind('gif')).toBe(true);
    expect(isExportKind('webm')).toBe(true);
    expect(isExportKind('exe')).toBe(false);
    expect(isExportKind('toString')).toBe(false);
    expect(isExportKind(1)).toBe(false);
  });

  it('gives the Save dialog one filter for the kind', () => {
    expect(exportFilters('jpeg')).toEqual([{ name: 'JPEG image', extensions: ['jpg', 'jpeg'] }]);
  });
});
