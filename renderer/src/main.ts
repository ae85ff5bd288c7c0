// Wires the app together. Data flows one way: program text → engine worker →
// snapshot → session → view; user actions go to the session.

import './styles.css';
import type { RunError, Snapshot } from '../../common/snapshot.js';
import { installAutomation } from './automation.js';
import { showConsole } from './console-panel.js';
import { fileHost } from './desktop.js';
import { LineHighlight } from './editor/line-highlight.js';
import { showRunError } from './editor/markers.js';
import { createEditor } from './editor/monaco.js';
import { EngineClient } from './engine-client.js';
import { readmeExample } from './example.js';
import { count } from '../../common/format.js';
import { GraphView } from './graph/view.js';
import { renderInspector } from './inspector.js';
import { bindKeys } from './keys.js';
import { Session } from './session.js';
import { bindExportKey, ExportDialog } from './export/ui.js';
import { bindStepper, renderCalls, renderStepper, type StepperElements } from './stepper/controls.js';
import { installTeaching } from './teaching/index.js';
import { CrashGuard, notRunAgainMessage } from './crash-guard.js';
import { installPanes } from './layout/panes.js';
import { escapeThenTab } from './editor/tab-escape.js';
import { ProgramDocument } from './document.js';
import { Draft } from './draft.js';
import { RunLoop } from './run-loop.js';
import { SearchBox } from './search-box.js';
import { showStatus } from './status-line.js';
import { FindingsPanel } from './findings.js';
import { installGroupControls } from './groups-ui.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const crashGuard = new CrashGuard();
const draft = new Draft('gradscope.draft');

// ---- editor ----
const restoredDraft = draft.restored();
const editor = createEditor($('editor'), restoredDraft ?? readmeExample);
const model = editor.getModel()!;
const lineHighlight = new LineHighlight(editor);
escapeThenTab(editor, $('graph'), $('examples'));

// ---- panes: editor | graph | side panel ----
const panes = installPanes($('layout'), $('split-editor'), $('split-side'), $<HTMLButtonElement>('side-toggle'));

// ---- graph, session, stepper ----
const view = new GraphView($('graph'), {
  select: (id) => session.select(id),
  contextMenu: (id, x, y) => openContextMenu(id, x, y),
  inspect: (id) => {
    session.select(id);
    panes.showSide();
    $('inspector').focus();
  },
  leave: () => editor.focus(),
}, $('tooltip'), $<HTMLCanvasElement>('minimap'));
const stepperEls: StepperElements = {
  step: $('step'), back: $('step-back'), toEnd: $('run-to-end'), reset: $('reset'),
  slider: $('position'), position: $('position-text'), calls: $('calls'), explain: $('explain'),
};
const session = new Session(view, {
  changed: () => {
    renderStepper(stepperEls, session);
    // A new graph (the program changed): the search and its count follow it.
    searchBox.follow();
    teaching.changed();
    groupControls.changed();
  },
  selected: (id) => {
    showSelection(id);
    teaching.selected(id);
  },
});
bindStepper(stepperEls, session);
const groupControls = installGroupControls(session, view, $('status'));

// ---- running programs ----
const runLoop = new RunLoop(() => {
  crashGuard.started();
  engine.run(model.getValue(), { timeoutMs: teaching.timeLimitMs() });
});
const runNow = () => runLoop.runNow();

// ---- findings: the last good run's diagnostics, each clickable to its value and line ----
const findings = new FindingsPanel($('findings'), {
  select: (id) => session.select(id, true),
  reveal: (line, column) => {
    editor.setPosition({ lineNumber: line, column: column ?? 1 });
    editor.revealLineInCenter(line);
    editor.focus();
  },
}, $('side-toggle'));
installAutomation(session, {
  error: () => runLoop.lastError,
  busy: () => runLoop.busy,
  position: (id) => view.clientPosition(id),
  view: () => view.info(),
  boxes: () => view.clientBoxes(),
  findings: () => findings.shown,
  cursor: () => {
    const p = editor.getPosition();
    return p && { line: p.lineNumber, column: p.column };
  },
  groupBoxes: () => view.clientGroupBoxes(),
  expand: (g) => groupControls.expand(g),
  collapse: (g) => groupControls.collapse(g),
  drawn: () => view.drawnBoxes(),
});

const engine = new EngineClient((result) => {
  // The plots after the graph: each is a frame of work of its own, not added to the graph's.
  void showResult(result.snapshot, result.ms).then(() => teaching.result(result.snapshot));
}, (busy) => {
  runLoop.setRunning(busy);
  teaching.busy(busy);
  $('status').classList.toggle('busy', busy);
  if (busy) $('status').textContent = 'running…';
}, (progress) => {
  $('status').textContent = `running… ${count(progress.values)} values, ${(progress.elapsedMs / 1000).toFixed(1)} s`;
  teaching.progress(progress);
});
async function showResult(snapshot: Snapshot, ms: number): Promise<void> {
  // The run is over (its result is checked; drawing is bounded by the drawing limit).
  crashGuard.finished();
  showConsole($('console'), snapshot.console, snapshot.warnings);
  runLoop.lastError = snapshot.error;
  showRunError(model, snapshot.error);
  showErrorBar(snapshot.error);
  // The last good graph stays, dimmed, until a run succeeds.
  $('graph-wrap').classList.toggle('dimmed', snapshot.error !== null);
  if (snapshot.error !== null) {
    findings.stale();
    $('status').textContent = `error after ${Math.round(ms)} ms${draft.notice}`;
    return;
  }
  findings.show(snapshot.diagnostics ?? []);
  const started = performance.now();
  await runLoop.whileDrawing(session.load(snapshot));
  renderCalls(stepperEls, session);
  renderStepper(stepperEls, session);
  showSizeNotice();
  const l = view.lastLayout;
  showStatus($('status'), `${groupControls.summary() ?? `${count(snapshot.nodes.length)} values`} · ran in ${Math.round(ms)} ms · drawn in ${Math.round(performance.now() - started)} ms (${l.engine} layout)${draft.notice}`,
    `elements ${Math.round(l.build)} ms, layout ${Math.round(l.ms)} ms (round trip ${Math.round(l.roundTrip)} ms), add ${Math.round(l.add)} ms, fit and first paint ${Math.round(l.fit)} ms`);
}

function showErrorBar(error: RunError | null): void {
  const bar = $('error-bar');
  bar.hidden = error === null;
  if (error === null) return;
  const where = error.line === null ? '' : `Line ${error.line}${error.column === null ? '' : `, column ${error.column}`}: `;
  bar.textContent = `${where}${error.message}`;
  bar.onclick = () => {
    if (error.line === null) return;
    editor.setPosition({ lineNumber: error.line, column: error.column ?? 1 });
    editor.revealLineInCenter(error.line);
    editor.focus();
  };
}

function showSizeNotice(): void {
  const sel = session.selection;
  const notice = $('size-notice');
  notice.hidden = !sel || sel.ids.length >= sel.total;
  if (!sel || notice.hidden) return;
  $('size-text').textContent =
    `This graph has ${count(sel.total)} values, more than the drawing limit. Showing the ${count(sel.ids.length)} nearest the root (the last ${sel.levels} of ${sel.totalLevels} levels).`;
}

// ---- selection: inspector and source line ----
function showSelection(id: number | null): void {
  const node = id === null ? null : session.node(id);
  renderInspector($('inspector'), node && {
    node,
    data: session.dataOf(node.id),
    grad: session.gradOf(node.id),
    inputs: node.inputs.map((i) => session.node(i)!).filter(Boolean),
    consumers: session.consumersOf(node.id),
    sourceLine: node.loc ? model.getLineContent(Math.min(node.loc.line, model.getLineCount())) : null,
    breakpoint: session.breakpoints.has(node.id),
    name: (i) => session.displayName(i),
  }, (other) => session.select(other, true));
  lineHighlight.show(node?.loc?.line ?? null);
}

editor.onDidChangeCursorPosition((e) => session.highlightLine(e.position.lineNumber));

// ---- context menu: breakpoints ----
function openContextMenu(id: number, x: number, y: number): void {
  const menu = $('context-menu');
  session.select(id);
  $('toggle-breakpoint').textContent = session.breakpoints.has(id) ? 'Remove breakpoint' : 'Add breakpoint';
  groupControls.valueMenu(id);
  menu.style.left = `${x}px`;
  menu.style.top = `${y}px`;
  menu.hidden = false;
  $('toggle-breakpoint').onclick = () => {
    session.toggleBreakpoint(id);
    menu.hidden = true;
  };
}
window.addEventListener('pointerdown', (e) => {
  if (!$('context-menu').contains(e.target as Node)) $('context-menu').hidden = true;
});

// ---- graph tools ----
const searchBox = new SearchBox($<HTMLInputElement>('search'), $('search-count'), view,
  () => session.draws, (id) => session.select(id, true));
$('fit').onclick = () => view.fit();
const direction = $<HTMLSelectElement>('direction');
direction.value = localStorage.getItem('gradscope.direction') ?? 'auto';
view.directionChoice = direction.value as typeof view.directionChoice;
direction.onchange = async () => {
  localStorage.setItem('gradscope.direction', direction.value);
  view.directionChoice = direction.value as typeof view.directionChoice;
  await session.showCall(session.callIndex);
};
$('zoom-in').onclick = () => view.zoomBy(1.25);
$('zoom-out').onclick = () => view.zoomBy(0.8);
$('widen').onclick = async () => {
  await session.widen();
  renderStepper(stepperEls, session);
  showSizeNotice();
};
const limitInput = $<HTMLInputElement>('limit');
limitInput.value = String(session.limit);
limitInput.onchange = async () => {
  const limit = Math.max(10, Math.round(Number(limitInput.value) || 5000));
  session.limit = limit;
  session.widened = 0;
  await session.showCall(session.callIndex);
  showSizeNotice();
};

// ---- files, drafts, desktop menus ----
const files = fileHost();
const doc = new ProgramDocument(model, restoredDraft !== null, (path, dirty) => files.setDocumentState(path, dirty));
const setText = (text: string, from: string | null) => doc.replace(text, from);
const isDirty = () => doc.isDirty();
editor.onDidChangeModelContent(() => {
  if (!draft.keep(model.getValue())) $('status').textContent = draft.notice.slice(3);
  doc.edited();
  runLoop.edited();
});
async function open(): Promise<void> {
  // The desktop app asks in its main process (native dialog) before it opens.
  if (!files.desktop && isDirty() && !window.confirm('Discard the unsaved changes to the current program?')) return;
  const file = await files.open();
  if (file) setText(file.text, file.path);
}
async function save(as: boolean): Promise<void> {
  const version = doc.version();
  let written: string | null;
  try {
    written = await files.save(version.text, as);
  } catch (e) {
    // E.g. a text over the desktop bridge's message size: say so instead of failing silently.
    $('status').textContent = `not saved: ${e instanceof Error ? e.message : String(e)}`;
    return;
  }
  if (written === null) return;
  doc.wasSaved(written, version);
}
$('open').onclick = () => void open();
$('save').onclick = () => void save(false);
$('run').onclick = runNow;
files.onOpenFile((file) => setText(file.text, file.path));
files.onMenuCommand((command) => {
  const actions: Record<typeof command, () => void> = {
    'file:new': () => setText('', null),
    'file:open': () => void open(),
    'file:save': () => void save(false),
    'file:save-as': () => void save(true),
    'view:toggle-console': () => $('console-panel').toggleAttribute('hidden'),
    'view:toggle-inspector': () => panes.toggleSide(),
    'view:fit': () => view.fit(),
    'debug:step': () => session.step(),
    'debug:step-back': () => session.stepBack(),
    'debug:run-to-end': () => session.runToEnd(),
    'debug:reset': () => session.reset(),
    'debug:run': runNow,
    'file:export': () => exporter.open(),
    'file:examples': () => teaching.showExamples(),
    'view:presentation': () => teaching.togglePresentation(),
    'view:theme': () => teaching.cycleTheme(),
  };
  actions[command]();
});

// ---- File ▸ Export ----
const exporter = new ExportDialog({
  picture: view.picture(),
  session,
  themeBackground: () => getComputedStyle($('graph-wrap')).backgroundColor,
  programName: () => doc.path,
  desktop: window.gradscopeDesktop ?? null,
  status: (text) => ($('status').textContent = text),
});
$('export').onclick = () => exporter.open();
bindExportKey(editor, () => exporter.open());

bindKeys(editor, {
  step: () => session.step(),
  stepBack: () => session.stepBack(),
  runToEnd: () => session.runToEnd(),
  reset: () => session.reset(),
  toggleBreakpoint: () => session.toggleBreakpoint(),
  runNow,
});

// ---- teaching: examples, autoplay, presentation, explorer, plots, Stop ----
const teaching = installTeaching({
  editor, view, session, engine, draftKey: draft.key,
  openDocument: (text) => setText(text, null),
  isDirty,
  runNow,
  status: (text) => ($('status').textContent = text),
});

renderInspector($('inspector'), null, () => {});
renderStepper(stepperEls, session);
if (crashGuard.interruptedLastTime) {
  // Safe start: show the draft, run nothing, say what happened.
  runLoop.lastError = { message: notRunAgainMessage, line: null, column: null, kind: 'internal' };
  showErrorBar(runLoop.lastError);
  $('status').textContent = 'not run: the last session stopped during a run';
} else {
  runNow();
}
