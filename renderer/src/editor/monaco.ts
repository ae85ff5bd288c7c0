// Monaco with TypeScript IntelliSense for the engine API. The declarations come
// from engine/'s sources at build time (scripts/gen-engine-dts.mjs).
//
// Only what the app uses is bundled (Monaco's tree-shakeable entry points,
// 0.56+): the editor with all its features, the TypeScript and JavaScript
// syntax and language service, and two workers (the editor's and the
// TypeScript one). `import 'monaco-editor'` would add ~80 other languages and
// the CSS, HTML and JSON workers (about 7 MB of the build).

import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/typescript/register';
import 'monaco-editor/languages/definitions/javascript/register';
import * as ts from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';
import engineLib from '../generated/gradscope-lib.d.ts.txt?raw';
import { allowValueOperators } from './value-operators.js';

self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    return label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker();
  },
};

ts.typescriptDefaults.setCompilerOptions({
  target: ts.ScriptTarget.ESNext,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.NodeJs,
  strict: true,
  noEmit: true,
  allowNonTsExtensions: true,
  // Every program is a module, as the runner runs it in a block of its own: a
  // program's own `class Value` (for debug()) shadows the global, as it does
  // in a run, instead of "Cannot redeclare block-scoped variable 'Value'".
  moduleDetection: 3, // ts.ModuleDetectionKind.Force
});
// Squiggles for type errors; they never stop a run (the runner strips types).
ts.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
ts.typescriptDefaults.addExtraLib(engineLib, 'file:///node_modules/@types/gradscope/index.d.ts');

export { monaco };

export function createEditor(container: HTMLElement, text: string): monaco.editor.IStandaloneCodeEditor {
  const model = monaco.editor.createModel(text, 'typescript', monaco.Uri.parse('file:///program.ts'));
  allowValueOperators(monaco, model);
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
