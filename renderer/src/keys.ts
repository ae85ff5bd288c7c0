// Debugger keys, the same wherever focus is: Monaco gets them as editor
// commands (so it does not swallow them), the window handler covers the rest
// of the page and skips events that come from inside the editor.

import { monaco } from './editor/monaco.js';

export interface Commands {
  step(): void;
  stepBack(): void;
  runToEnd(): void;
  reset(): void;
  toggleBreakpoint(): void;
  runNow(): void;
}

interface Binding {
  matches(e: KeyboardEvent): boolean;
  monacoKey: number;
  run(c: Commands): void;
}

const { KeyCode, KeyMod } = monaco;
const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;

const bindings: Binding[] = [
  { matches: (e) => e.key === 'F10' && !e.shiftKey, monacoKey: KeyCode.F10, run: (c) => c.step() },
  { matches: (e) => e.key === 'F10' && e.shiftKey, monacoKey: KeyMod.Shift | KeyCode.F10, run: (c) => c.stepBack() },
  { matches: (e) => e.key === 'F5' && mod(e) && e.shiftKey, monacoKey: KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.F5, run: (c) => c.reset() },
  { matches: (e) => e.key === 'F5' && !mod(e) && !e.shiftKey, monacoKey: KeyCode.F5, run: (c) => c.runToEnd() },
  { matches: (e) => e.key === 'F9', monacoKey: KeyCode.F9, run: (c) => c.toggleBreakpoint() },
  { matches: (e) => e.key === 'Enter' && mod(e), monacoKey: KeyMod.CtrlCmd | KeyCode.Enter, run: (c) => c.runNow() },
];

export function bindKeys(editor: monaco.editor.IStandaloneCodeEditor, commands: Commands): void {
  for (const b of bindings) editor.addCommand(b.monacoKey, () => b.run(commands));
  const editorDom = editor.getDomNode();
  window.addEventListener('keydown', (e) => {
    if (editorDom?.contains(e.target as Node)) return; // Monaco's command ran.
    const binding = bindings.find((b) => b.matches(e));
    if (!binding) return;
    e.preventDefault();
    binding.run(commands);
  });
}
