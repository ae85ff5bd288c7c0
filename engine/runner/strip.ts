// TypeScript → JavaScript with sucrase: it only removes types (no down-levelling),
// keeps every line where it was, and says through a source map where each
// token came from, so positions map back to the user's source.

import { transform } from 'sucrase';
import { decode } from '@jridgewell/sourcemap-codec';
import { SourceError, lineColumnAt } from './source-error.js';
import type { Loc } from '../../common/snapshot.js';

export interface Stripped {
  code: string;
  /** Maps a 1-based position in `code` to the user's source. */
  toSource(line: number, column: number): Loc;
}

export function stripTypes(source: string): Stripped {
  let output: ReturnType<typeof transform>;
  try {
    output = transform(source, {
      transforms: ['typescript'],
      disableESTransforms: true,
      keepUnusedImports: true,
      filePath: 'program.ts',
      sourceMapOptions: { compiledFilename: 'program.js' },
    });
  } catch (e) {
    const pos = (e as { pos?: number }).pos;
    const at = typeof pos === 'number' ? lineColumnAt(source, pos) : { line: null, column: null };
    // Sucrase says "Error transforming program.ts: Unexpected token (2:15)": the file name is its
    // own (the user named none) and the place is the error's line and column, shown apart.
    const message = ((e as Error).message ?? String(e)).replace(/^Error transforming [^:]*:\s*/, '').replace(/\s*\(\d+:\d+\)$/, '');
    throw new SourceError(`syntax error: ${message}`, at.line, at.column, 'syntax');
  }
  const lines = trustworthy(decode(output.sourceMap!.mappings), output.code, source);
  return { code: output.code, toSource: (line, column) => mapPosition(lines, line, column) };
}

/** The segments whose token starts with the same character in the code and in
 *  the source. After a template literal with `${…}`, sucrase's map points
 *  into the wrong columns (`const a = f(2)` mapped from column 17); without
 *  those segments such a line maps column to column, as a line without types does. */
function trustworthy(map: number[][][], code: string, source: string): number[][][] {
  const codeLines = code.split('\n');
  const sourceLines = source.split('\n');
  return map.map((segments, line) =>
    segments.filter((seg) => seg.length < 4 || codeLines[line]?.[seg[0]!] === sourceLines[seg[2]!]?.[seg[3]!]),
  );
}

/** Finds the token at or before `column` and keeps the offset within it. */
function mapPosition(lines: number[][][], line: number, column: number): Loc {
  const segments = lines[line - 1] ?? [];
  const col0 = column - 1;
  let best: [number, number, number, number] | undefined;
  for (const seg of segments) {
    if (seg[0] > col0) break;
    if (seg.length >= 4) best = seg as [number, number, number, number];
  }
  if (best === undefined) return { line, column };
  return { line: best[2] + 1, column: best[3] + (col0 - best[0]) + 1 };
}
