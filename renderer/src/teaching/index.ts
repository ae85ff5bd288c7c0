// The teaching features, wired into the app: examples gallery and start
// screen, autoplay, presentation mode and themes, the derivative explorer,
// training plots, Stop and the time limit for long runs. main.ts calls
// installTeaching once and forwards run results, progress and session events.

import './teaching.css';
import type { RunProgress, Snapshot } from '../../../common/snapshot.js';
import type { EngineClient } from '../engine-client.js';
import type { GraphView } from '../graph/view.js';
import type { Session } from '../session.js';
import { monaco } from '../editor/monaco.js';
import { legendGradient } from '../graph/colour.js';
import { Autoplay, defaultSpeed, speeds } from './autoplay.js';
import { examples } from './examples.js';
import type { Example } from './examples-data.js';
import { Explorer } from './explorer.js';
import { Gallery } from './gallery.js';
import { PlotsPanel } from './plots.js';
import { ThemeController, type ThemeChoice } from './theme.js';

export interface TeachingHost {
  editor: monaco.editor.IStandaloneCodeEditor;
  view: GraphView;
  session: Session;
  engine: EngineClient;
  draftKey: string;
  /** Replaces the document with a new unsaved one holding `text`. */
  openDocument(text: string): void;
  isDirty(): boolean;
  runNow(): void;
  status(text: string): void;
}

export interface Teaching {
  /** Time limit for the next run, in ms. */
  timeLimitMs(): number;
  progress(p: RunProgress): void;
  busy(busy: boolean): void;
  /** Call right after the app showed a run's result. */
  result(snapshot: Snapshot): void;
  /** Session events. */
  changed(): void;
  selected(id: number | null): void;
  showExamples(): void;
  togglePresentation(): void;
  cycleTheme(): void;
}

const timeLimitKey = 'gradscope.timeLimit';
export const timeLimits = [10, 30, 60, 120];

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export function installTeaching(host: TeachingHost): Teaching {
  const { editor, view, session, engine } = host;

  // ---- time limit and Stop ----
  const limitSelect = $<HTMLSelectElement>('time-limit');
  for (const s of timeLimits) limitSelect.append(new Option(`${s} s`, String(s * 1000)));
  limitSelect.value = localStorage.getItem(timeLimitKey) ?? '10000';
  if (limitSelect.value === '') limitSelect.value = '10000';
  limitSelect.onchange = () => localStorage.setItem(timeLimitKey, limitSelect.value);
  const stop = $<HTMLButtonElement>('stop');
  stop.disabled = true;
  let stopped = false;
  stop.onclick = () => {
    // Set first: stop() reports the stopped run synchronously.
    stopped = true;
    stopped = engine.stop();
  };

  // ---- examples ----
  const openExample = (example: Example) => {
    if (host.isDirty() && !window.confirm('Discard the unsaved changes to the current program?')) return;
    autoplay.pause();
    const limit = example.timeLimitMs;
    if (limit !== undefined && Number(limitSelect.value) < limit) {
      limitSelect.value = String(limit);
      localStorage.setItem(timeLimitKey, limitSelect.value);
    }
    host.openDocument(example.source);
    host.runNow();
  };
  const gallery = new Gallery(examples, openExample);
  $('examples').onclick = () => gallery.show();
  // The start screen goes away as soon as the program changes (an edit, an opened file).
  editor.onDidChangeModelContent(() => gallery.dialog.open && gallery.dialog.close());

  // ---- themes and presentation ----
  const theme = new ThemeController(editor, view);
  const themeSelect = $<HTMLSelectElement>('theme');
  themeSelect.value = theme.choice;
  themeSelect.onchange = () => theme.setChoice(themeSelect.value as ThemeChoice);
  const presentButton = $<HTMLButtonElement>('presentation');
  const showLegend = (dark: boolean) => ($('legend-bar').style.background = legendGradient(dark));
  showLegend(theme.theme === 'dark');
  theme.onChange((a) => {
    showLegend(a.theme === 'dark');
    themeSelect.value = a.choice;
    presentButton.setAttribute('aria-pressed', String(a.presenting));
    // Charts read the CSS variables on the next frame, after the styles apply.
    requestAnimationFrame(() => {
      plots.restyle();
      explorer.restyle();
    });
  });
  const togglePresentation = () => {
    theme.setPresenting(!theme.presenting);
    // The graph's pane changed size: let layout settle, then open the graph
    // again at the new text size (whole if it reads, else the root or current node).
    requestAnimationFrame(() => view.reopen());
  };
  presentButton.onclick = togglePresentation;
  // Shift+F11: F11 is full screen, and Monaco binds no F11 key (Ctrl+Alt+P is
  // its find widget's "preserve case" on macOS).
  const { KeyCode, KeyMod } = monaco;
  editor.addCommand(KeyMod.Shift | KeyCode.F11, togglePresentation);
  const editorDom = editor.getDomNode();
  window.addEventListener('keydown', (e) => {
    if (e.key !== 'F11' || !e.shiftKey || editorDom?.contains(e.target as Node)) return;
    e.preventDefault();
    togglePresentation();
  });

  // ---- autoplay ----
  const play = $<HTMLButtonElement>('play');
  const speed = $<HTMLSelectElement>('speed');
  for (const s of speeds) speed.append(new Option(`${s} steps/s`, String(s)));
  speed.value = String(defaultSpeed);
  const autoplay = new Autoplay({
    position: () => {
      const s = session.stepper;
      return s ? { position: s.position, total: s.total, next: s.next() } : null;
    },
    step: () => session.step(),
    reset: () => session.reset(),
    breakpoints: () => session.breakpoints,
    // Each step already pans the view to the current node (GraphView.follow).
    follow: () => view.follow(),
  }, (playing) => {
    play.textContent = playing ? 'Pause' : 'Play';
    play.title = playing ? 'Pause autoplay' : 'Step backward on a timer';
  });
  play.onclick = () => autoplay.toggle();
  speed.onchange = () => autoplay.setSpeed(Number(speed.value));
  $('calls').addEventListener('change', () => autoplay.pause());

  // ---- explorer and plots ----
  const explorer = new Explorer($('explorer'), {
    call: () => (session.stepper ? session.callIndex : -1),
    // Questions go to the worker of the last run: they can be asked only when that run is the one shown.
    current: () => engine.holds(session.snapshot),
    node: (id) => session.node(id),
    // The shown call's graph, not the whole program's (a training loop has one per step).
    size: () => ({ leaves: session.stepper?.call.leafData.length ?? 0, values: session.selection?.total ?? 0 }),
    select: (id) => session.select(id, true),
    name: (id) => session.displayName(id),
    isLeafOfCall: (id) => session.stepper?.call.leafData.some(([leaf]) => leaf === id) ?? false,
    explore: (call, leaf) => engine.explore(call, leaf),
    check: (call) => engine.check(call),
  });
  const plots = new PlotsPanel($('plots'));

  let shownRun: Snapshot | null = null;
  let shownCall = -1;
  const teaching: Teaching = {
    timeLimitMs: () => Number(limitSelect.value) || 10_000,
    progress: (p) => plots.progress(p),
    busy: (busy) => {
      stop.disabled = !busy;
      if (busy) stopped = false;
    },
    result: (snapshot) => {
      autoplay.pause();
      plots.result(snapshot);
      // A good run was shown (changed()) before this; a failed one leaves the panel saying why it cannot ask.
      explorer.show(session.selectedId);
      if (stopped) host.status('stopped by you');
      stopped = false;
    },
    changed: () => {
      play.disabled = !session.stepper || session.stepper.total === 0;
      // A new run or another call: its check results go; a new run's leaves are asked about afresh.
      if (session.snapshot !== shownRun || session.callIndex !== shownCall) {
        explorer.invalidate(session.snapshot !== shownRun);
        shownRun = session.snapshot;
        shownCall = session.callIndex;
      }
      explorer.show(session.selectedId);
    },
    selected: (id) => explorer.show(id),
    showExamples: () => gallery.show(),
    togglePresentation,
    cycleTheme: () => theme.cycle(),
  };
  if (Gallery.firstStart(host.draftKey)) gallery.show(true);
  return teaching;
}
