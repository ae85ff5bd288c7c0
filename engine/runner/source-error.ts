// An error that points at a place in the user's source.

import type { RunError } from '../../common/snapshot.js';

export class SourceError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
    readonly column: number | null,
    readonly kind: RunError['kind'],
  ) {
    super(message);
  }

  toRunError(): RunError {
    return { message: this.message, line: this.line, column: this.column, kind: this.kind };
  }
}

/** 1-based line and column of a 0-based offset in `text`. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
