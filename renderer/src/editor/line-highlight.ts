// The editor side of selection: the line that created the selected node.

import { monaco } from './monaco.js';

export class LineHighlight {
  private decorations: monaco.editor.IEditorDecorationsCollection;

  constructor(private readonly editor: monaco.editor.IStandaloneCodeEditor) {
    this.decorations = editor.createDecorationsCollection();
  }

  show(line: number | null): void {
    if (line === null) {
      this.decorations.clear();
      return;
    }
    this.decorations.set([{
      range: new monaco.Range(line, 1, line, 1),
      options: { isWholeLine: true, className: 'source-line-highlight', linesDecorationsClassName: 'source-line-gutter' },
    }]);
    this.editor.revealLineInCenterIfOutsideViewport(line);
  }
}
