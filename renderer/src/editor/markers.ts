// Run errors in the editor: a marker at the line and column the engine
// reported (syntax, runtime, timeout), separate from TypeScript's own squiggles.

import type { RunError } from '../../../common/snapshot.js';
import { monaco } from './monaco.js';

const owner = 'gradscope-run';

export function showRunError(model: monaco.editor.ITextModel, error: RunError | null): void {
  if (error === null || error.line === null) {
    monaco.editor.setModelMarkers(model, owner, []);
    return;
  }
  const line = Math.min(Math.max(1, error.line), model.getLineCount());
  const column = Math.max(1, error.column ?? 1);
  const word = model.getWordAtPosition({ lineNumber: line, column });
  monaco.editor.setModelMarkers(model, owner, [{
    severity: monaco.MarkerSeverity.Error,
    message: error.message,
    startLineNumber: line,
    startColumn: word?.startColumn ?? column,
    endLineNumber: line,
    endColumn: word?.endColumn ?? Math.max(column + 1, model.getLineMaxColumn(line)),
    source: 'gradscope',
  }]);
}
