// Tab in the editor indents, so keyboard users need a way out: Escape then
// Tab moves focus on (to the graph), Escape then Shift+Tab back (to the
// toolbar). Monaco's own Ctrl+M (toggle tab focus mode) works as well.

import { monaco } from './monaco.js';

export function escapeThenTab(editor: monaco.editor.IStandaloneCodeEditor, next: HTMLElement, previous: HTMLElement): void {
  let escaped = false;
  editor.onKeyDown((e) => {
    if (e.keyCode === monaco.KeyCode.Escape) {
      escaped = true;
      return;
    }
    if (e.keyCode === monaco.KeyCode.Tab && escaped && !e.ctrlKey && !e.altKey && !e.metaKey) {
      e.preventDefault();
      e.stopPropagation();
      (e.shiftKey ? previous : next).focus();
    }
    escaped = false;
  });
  editor.onDidBlurEditorText(() => (escaped = false));
}
