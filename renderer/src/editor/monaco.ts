// Monaco with TypeScript IntelliSense for the engine API. The declarations come
// from engine/'s sources at build time (scripts/gen-engine-dts.mjs).

import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';
import engineLib from '../generated/gradscope-lib.d.ts.txt?raw';

self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    return label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker();
  },
};

const ts = monaco.typescript;
ts.typescriptDefaults.setCompilerOptions({
  target: ts.ScriptTarget.ESNext,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.NodeJs,
  strict: true,
  noEmit: true,
  allowNonTsExtensions: true,
});
// Squiggles for type errors; they never stop a run (the runner strips types).
ts.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
ts.typescriptDefaults.addExtraLib(engineLib, 'file:///node_modules/@types/gradscope/index.d.ts');

export { monaco };

export function createEditor(container: HTMLElement, text: string): monaco.editor.IStandaloneCodeEditor {
  const model = monaco.editor.createModel(text, 'typescript', monaco.Uri.parse('file:///program.ts'));
  const editor = monaco.editor.create(container, {
    model,
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 13,
    scrollBeyondLastLine: false,
    glyphMargin: false,
    tabSize: 2,
    renderLineHighlight: 'line',
    ariaLabel: 'Program editor',
  });
  // Monaco scrolls its content itself; the browser may still scroll the
  // clipping element natively to show the caret (Ctrl+A on a long line in a
  // narrow pane), which shifts the text out of sight while Monaco thinks it
  // is at 0. Undo such native scrolls.
  const scrollable = container.querySelector<HTMLElement>('.editor-scrollable');
  scrollable?.addEventListener('scroll', () => {
    if (scrollable.scrollLeft !== 0) scrollable.scrollLeft = 0;
    if (scrollable.scrollTop !== 0) scrollable.scrollTop = 0;
  });
  return editor;
}
