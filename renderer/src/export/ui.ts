// File ▸ Export: the dialog, its actions (save, copy image, screenshot) and
// progress. Images of the whole graph (SVG, PNG, JPEG) and animations (GIF,
// WebM) come from the figure renderer the CLI uses (engine/figure): the shown
// call at the current step, as a clean figure or as shown. "Current view"
// rasters the view as drawn; DOT and JSON are the graph and the run.

import type { DesktopApi } from '../../../electron/api.js';
import { toDot } from '../../../engine/export/dot.js';
import { toJSON, type GraphNode } from '../../../common/snapshot.js';
import { monaco } from '../editor/monaco.js';
import type { Session } from '../session.js';
import { animationFrames, checkAnimationSize, checkFigureSize, figureSvg, FigureError, type FigureOptions } from '../../../engine/figure/figure.js';
import { sourceOf, stepCount, type FigureSource } from '../../../engine/figure/model.js';
import type { Scope, ViewPicture } from '../graph/picture.js';
import { canvasBlob, Cancelled, drawSvg, figureElk, gifOf, svgSize, webmOf, webmSupported } from './figure.js';
import { suggestedName, withExtension, type ExportFormat } from './filename.js';
import { describePlan, ExportRefused, planRaster } from './limits.js';
import { saveExport } from './save.js';
import './export.css';

export interface ExportHost {
  picture: ViewPicture;
  session: Session;
  /** The graph's background colour as the page shows it. */
  themeBackground(): string;
  /** The open program's file name or path, if any. */
  programName(): string | null;
  desktop: DesktopApi | null;
  /** Tells the main status line. */
  status(text: string): void;
}

type Background = 'theme' | 'white' | 'transparent';

export interface ExportChoice {
  format: ExportFormat;
  scale: number;
  scope: Scope;
  background: Background;
  selection: boolean;
  name: string;
  /** Figures: the step's marks, deltas and explanation (as shown) or none (clean). */
  asShown: boolean;
  direction: 'lr' | 'tb';
  theme: 'light' | 'dark';
  margin: number;
  /** Animations: a frame for every `every`-th step, shown `delayMs` each. */
  every: number;
  delayMs: number;
}

const progressDelayMs = 500;

const markup = `
<form method="dialog" class="export-form">
  <h2 id="export-title">Export graph</h2>
  <fieldset>
    <legend>Format</legend>
    <label><input type="radio" name="export-format" value="png" checked> PNG</label>
    <label><input type="radio" name="export-format" value="jpeg"> JPEG</label>
    <label><input type="radio" name="export-format" value="svg"> SVG (vector)</label>
    <label><input type="radio" name="export-format" value="gif"> GIF (animation)</label>
    <label><input type="radio" name="export-format" value="webm"> WebM (video)</label>
    <label><input type="radio" name="export-format" value="dot"> Graphviz DOT</label>
    <label><input type="radio" name="export-format" value="json"> JSON (gradscope.graph/1)</label>
  </fieldset>
  <div class="export-grid">
    <label for="export-scale">Scale</label>
    <select id="export-scale"><option value="1">1×</option><option value="2" selected>2×</option><option value="4">4×</option></select>
    <label for="export-scope">Area</label>
    <select id="export-scope"><option value="graph">Whole graph (figure)</option><option value="view">Current view (as on screen)</option></select>
    <label for="export-figure">Figure</label>
    <select id="export-figure"><option value="clean">Clean (no step marks)</option><option value="shown">As shown (step marks, deltas, explanation)</option></select>
    <label for="export-direction">Direction</label>
    <select id="export-direction"><option value="lr">Left to right</option><option value="tb">Top to bottom</option></select>
    <label for="export-theme">Theme</label>
    <select id="export-theme"><option value="light">Light</option><option value="dark">Dark</option></select>
    <label for="export-background">Background</label>
    <select id="export-background"><option value="theme">Theme colour</option><option value="white">White</option><option value="transparent">Transparent</option></select>
    <label for="export-margin">Margin (px)</label>
    <input id="export-margin" type="number" min="0" max="200" step="1" value="16">
    <label for="export-every">Every k-th step</label>
    <input id="export-every" type="number" min="1" step="1" value="1">
    <label for="export-delay">Frame time (ms)</label>
    <input id="export-delay" type="number" min="50" max="10000" step="50" value="900">
    <span></span>
    <label class="export-check"><input type="checkbox" id="export-selection" checked> Include selection</label>
    <label for="export-name">File name</label>
    <input id="export-name" type="text" spellcheck="false" autocomplete="off">
  </div>
  <p id="export-hint" class="hint"></p>
  <p id="export-progress" role="status" hidden><span class="export-spinner" aria-hidden="true"></span> <span id="export-progress-text"></span>
    <progress id="export-progress-bar" max="1" value="0" aria-label="Export progress"></progress>
    <button type="button" id="export-cancel">Cancel</button></p>
  <p id="export-message" role="status" aria-live="polite"></p>
  <div class="export-buttons">
    <button type="button" id="export-copy" title="Copy the graph as a PNG image">Copy image</button>
    <button type="button" id="export-screenshot">Screenshot window</button>
    <span class="export-spacer"></span>
    <button type="button" id="export-close">Close</button>
    <button type="submit" id="export-save" class="primary">Export</button>
  </div>
</form>`;

export class ExportDialog {
  readonly dialog: HTMLDialogElement;
  private busy = false;
  private nameEdited = false;
  private cancelled = false;

  constructor(private readonly host: ExportHost) {
    const dialog = document.createElement('dialog');
    dialog.id = 'export-dialog';
    dialog.setAttribute('aria-labelledby', 'export-title');
    dialog.innerHTML = markup;
    document.body.append(dialog);
    this.dialog = dialog;
    const form = this.q<HTMLFormElement>('form');
    form.addEventListener('change', () => this.sync());
    this.q<HTMLInputElement>('#export-name').addEventListener('input', () => (this.nameEdited = true));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.run(() => this.exportFile(this.choice()));
    });
    this.q('#export-close').onclick = () => dialog.close();
    this.q('#export-cancel').onclick = () => (this.cancelled = true);
    dialog.addEventListener('close', () => (this.cancelled = true));
    this.q('#export-copy').onclick = () => void this.run(() => this.copyImage(this.choice()));
    this.q('#export-screenshot').onclick = () => void this.run(() => this.screenshot());
    if (!host.desktop) this.q('#export-screenshot').title = 'In a browser a page cannot capture its window: this saves the graph view only';
  }

  open(): void {
    if (this.dialog.open) return;
    this.nameEdited = false;
    this.message('');
    // Figures follow the app's theme unless the user picks another here.
    this.q<HTMLSelectElement>('#export-theme').value = document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
    this.sync();
    this.dialog.showModal();
  }

  private q<T extends HTMLElement = HTMLElement>(selector: string): T {
    return this.dialog.querySelector(selector) as T;
  }

  choice(): ExportChoice {
    const format = (this.q<HTMLInputElement>('input[name="export-format"]:checked')?.value ?? 'png') as ExportFormat;
    let background = this.q<HTMLSelectElement>('#export-background').value as Background;
    if (format === 'jpeg' && background === 'transparent') background = 'theme';
    const number = (id: string, min: number, fallback: number) => {
      const n = Math.round(Number(this.q<HTMLInputElement>(id).value));
      return Number.isFinite(n) && n >= min ? n : fallback;
    };
    return {
      format,
      scale: Number(this.q<HTMLSelectElement>('#export-scale').value),
      scope: this.q<HTMLSelectElement>('#export-scope').value as Scope,
      background,
      selection: this.q<HTMLInputElement>('#export-selection').checked,
      name: this.q<HTMLInputElement>('#export-name').value,
      asShown: this.q<HTMLSelectElement>('#export-figure').value === 'shown',
      direction: this.q<HTMLSelectElement>('#export-direction').value as 'lr' | 'tb',
      theme: this.q<HTMLSelectElement>('#export-theme').value as 'light' | 'dark',
      margin: number('#export-margin', 0, 16),
      every: number('#export-every', 1, 1),
      delayMs: number('#export-delay', 50, 900),
    };
  }

  /** Enables what applies to the chosen format and keeps the file name's extension in step. */
  private sync(): void {
    const format = (this.q<HTMLInputElement>('input[name="export-format"]:checked')?.value ?? 'png') as ExportFormat;
    const raster = format === 'png' || format === 'jpeg';
    const animation = format === 'gif' || format === 'webm';
    const view = raster && this.q<HTMLSelectElement>('#export-scope').value === 'view';
    const figure = (raster && !view) || format === 'svg' || animation;
    this.q<HTMLSelectElement>('#export-scale').disabled = !(raster || animation);
    this.q<HTMLSelectElement>('#export-scope').disabled = !raster;
    this.q<HTMLSelectElement>('#export-background').disabled = !(raster || format === 'svg' || animation);
    for (const id of ['#export-direction', '#export-theme', '#export-margin']) this.q<HTMLInputElement>(id).disabled = !figure;
    this.q<HTMLSelectElement>('#export-figure').disabled = !figure || animation;
    for (const id of ['#export-every', '#export-delay']) this.q<HTMLInputElement>(id).disabled = !animation;
    const transparent = this.q<HTMLOptionElement>('#export-background option[value="transparent"]');
    transparent.disabled = format === 'jpeg' || animation;
    if (transparent.disabled && this.q<HTMLSelectElement>('#export-background').value === 'transparent') this.q<HTMLSelectElement>('#export-background').value = 'theme';
    this.q<HTMLInputElement>('#export-selection').disabled = !(format === 'dot' || view);
    const name = this.q<HTMLInputElement>('#export-name');
    if (!this.nameEdited || name.value.trim() === '') name.value = suggestedName(this.host.programName(), this.stepInfo(), format);
    const hints: Record<ExportFormat, string> = {
      png: view ? 'Raster image of the view as drawn.' : 'The figure as a raster image, as `gradscope export --format png` draws it.',
      jpeg: 'Raster image; JPEG has no transparency.',
      svg: 'Vector figure; text stays text. The same file as `gradscope export --format svg`.',
      gif: 'Every k-th step of this backward call as a frame, with its marks and explanation.',
      webm: webmSupported() ? 'The animation as a video, recorded in real time (frame time × frames).' : 'This browser cannot record video: choose GIF.',
      dot: 'For Graphviz: the drawn graph in micrograd’s draw_dot look, grads at the current step.',
      json: 'The whole run as gradscope.graph/1, as `gradscope export --format json` writes it.',
    };
    this.q('#export-hint').textContent = hints[format];
  }

  private stepInfo(): { call: number; position: number } | null {
    const { stepper, callIndex } = this.host.session;
    return stepper ? { call: callIndex, position: stepper.position } : null;
  }

  private message(text: string, error = false): void {
    const el = this.q('#export-message');
    el.textContent = text;
    el.classList.toggle('error', error);
  }

  /** Runs an action with the buttons disabled, progress after half a second, and errors shown. */
  private async run(action: () => Promise<string | null>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.cancelled = false;
    this.dialog.setAttribute('aria-busy', 'true');
    for (const b of this.dialog.querySelectorAll('button')) b.disabled = b.id !== 'export-cancel';
    this.message('');
    this.q<HTMLProgressElement>('#export-progress-bar').removeAttribute('value');
    const progress = this.q('#export-progress');
    const timer = setTimeout(() => (progress.hidden = false), progressDelayMs);
    try {
      const done = await action();
      if (done !== null) {
        this.message(done);
        this.host.status(done);
      }
    } catch (error) {
      this.message(error instanceof Error ? error.message : String(error), !(error instanceof Cancelled));
    } finally {
      clearTimeout(timer);
      progress.hidden = true;
      for (const b of this.dialog.querySelectorAll('button')) b.disabled = false;
      this.dialog.removeAttribute('aria-busy');
      this.busy = false;
    }
  }

  private async phase(text: string): Promise<void> {
    this.q('#export-progress-text').textContent = text;
    // Let the page paint (the spinner, the text) before the next long step.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  }

  private background(choice: ExportChoice): string | null {
    if (choice.background === 'transparent') return null;
    return choice.background === 'white' ? '#ffffff' : this.host.themeBackground();
  }

  private requireGraph(): void {
    if (!this.host.session.snapshot || this.host.picture.isEmpty()) throw new ExportRefused('There is no graph to export yet: run a program first.');
  }

  /** The shown call, as the figure renderer takes it. */
  private source(): FigureSource {
    const { snapshot, callIndex } = this.host.session;
    return sourceOf(snapshot!, snapshot!.backward.length === 0 ? -1 : callIndex);
  }

  /** The figure options of a choice, at the stepper's current position. */
  figureOptions(choice: ExportChoice): FigureOptions {
    return {
      step: this.host.session.stepper?.position ?? 0, asShown: choice.asShown, direction: choice.direction,
      theme: choice.theme, background: choice.background, margin: choice.margin,
    };
  }

  /** The figure as SVG text: what `gradscope export --format svg` writes for the same program and step. */
  async figure(choice: ExportChoice): Promise<string> {
    const source = this.source();
    checkFigureSize(source);
    await this.phase(`Laying out ${source.nodes.length.toLocaleString('en-US')} values…`);
    return figureSvg(source, this.figureOptions(choice), figureElk);
  }

  private progress = (done: number, total: number) => {
    const bar = this.q<HTMLProgressElement>('#export-progress-bar');
    bar.max = total;
    bar.value = done;
    this.q('#export-progress-text').textContent = `Frame ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}…`;
    this.q('#export-progress').hidden = false;
  };

  private async animation(choice: ExportChoice): Promise<{ data: Blob; note: string }> {
    const source = this.source();
    checkAnimationSize(source, choice.every);
    if (choice.format === 'webm' && !webmSupported()) throw new FigureError('This browser cannot record video (no MediaRecorder for WebM): export a GIF instead.');
    await this.phase(`Laying out ${source.nodes.length.toLocaleString('en-US')} values…`);
    const frames = await animationFrames(source, this.figureOptions(choice), figureElk, choice.every);
    const encode = choice.format === 'gif' ? gifOf : webmOf;
    const data = await encode(frames, choice.scale, choice.delayMs, this.progress, () => this.cancelled);
    const steps = stepCount(source);
    return { data, note: `${frames.steps.length} frames (${steps} steps), ${Math.round(frames.width * choice.scale)} × ${Math.round(frames.height * choice.scale)} px` };
  }

  /** Builds the file for a choice; for images, the plan's note (size, scaling). */
  async render(choice: ExportChoice): Promise<{ data: string | Blob; note: string }> {
    this.requireGraph();
    const { picture, session } = this.host;
    const fmt = choice.format;
    if (fmt === 'json') {
      await this.phase('Writing JSON…');
      return { data: `${toJSON(session.snapshot!, 2)}\n`, note: `${session.snapshot!.nodes.length.toLocaleString('en-US')} values` };
    }
    if (fmt === 'dot') {
      await this.phase('Writing DOT…');
      return { data: this.dot(choice.selection), note: `${(session.selection?.ids.length ?? 0).toLocaleString('en-US')} values` };
    }
    if (fmt === 'svg') {
      const svg = await this.figure(choice);
      const { width, height } = svgSize(svg);
      return { data: svg, note: `${width} × ${height} px, vector` };
    }
    if (fmt === 'gif' || fmt === 'webm') return this.animation(choice);
    if (choice.scope === 'graph') {
      const svg = await this.figure(choice);
      const { width, height } = svgSize(svg);
      // Past the canvas limits: scaled down to fit, or refused when the text would be too small.
      const plan = planRaster(width, height, choice.scale);
      if (!plan.ok) throw new ExportRefused(plan.reason);
      await this.phase(`Drawing ${plan.width.toLocaleString('en-US')} × ${plan.height.toLocaleString('en-US')} px…`);
      const fill = fmt === 'jpeg' ? (choice.theme === 'dark' && choice.background === 'theme' ? '#161a22' : '#ffffff') : null;
      const canvas = await drawSvg(svg, plan.scale, undefined, fill);
      return { data: await canvasBlob(canvas, fmt === 'png' ? 'image/png' : 'image/jpeg'), note: describePlan(plan) };
    }
    await this.phase('Measuring…');
    const plan = picture.plan(choice.scope, choice.scale);
    if (!plan.ok) throw new ExportRefused(plan.reason);
    await this.phase(`Drawing ${plan.width.toLocaleString('en-US')} × ${plan.height.toLocaleString('en-US')} px…`);
    const blob = await picture.raster(fmt, choice.scope, plan, this.background(choice), choice.selection);
    if (blob === null) throw new ExportRefused('The browser could not encode the image (it may be out of memory). Try a smaller scale or the current view.');
    return { data: blob, note: describePlan(plan) };
  }

  /** DOT of the drawn graph with the grads (and leaf data) at the current step. */
  dot(includeSelection: boolean): string {
    const { session } = this.host;
    const index = session.index!;
    const ids = [...(session.selection?.ids ?? [])].sort((a, b) => index.indexOf[a]! - index.indexOf[b]!);
    const nodes: GraphNode[] = ids.map((id) => {
      const node = session.node(id)!;
      const data = session.dataOf(id);
      const grad = session.gradOf(id);
      return { ...node, data, grad, nonFinite: !Number.isFinite(data) || !Number.isFinite(grad) };
    });
    return toDot(nodes, { current: session.stepper?.next() ?? null, selected: includeSelection ? session.selectedId : null });
  }

  private async exportFile(choice: ExportChoice): Promise<string | null> {
    const { data, note } = await this.render(choice);
    await this.phase('Saving…');
    const saved = await saveExport(this.host.desktop, withExtension(choice.name, choice.format), choice.format, data);
    return saved === null ? null : `Exported ${baseName(saved)}: ${note}`;
  }

  private async copyImage(choice: ExportChoice): Promise<string> {
    this.requireGraph();
    if (!navigator.clipboard?.write || typeof ClipboardItem === 'undefined') throw new ExportRefused('This browser cannot put images on the clipboard.');
    const png = { ...choice, format: 'png' as const };
    // Rendered first (well within the click's user activation), then written.
    const { data, note } = await this.render(png);
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': data as Blob })]);
    return `Copied the graph as a PNG image: ${note}`;
  }

  private async screenshot(): Promise<string | null> {
    const name = withExtension(`${suggestedName(this.host.programName(), null, 'png').replace(/\.png$/, '')}-window`, 'png');
    if (this.host.desktop) {
      // Hide the dialog so the picture shows the app, not this form.
      this.dialog.close();
      await this.phase('Capturing the window…');
      const saved = await this.host.desktop.saveWindowScreenshot(name);
      this.dialog.showModal();
      return saved === null ? null : `Saved a screenshot of the window: ${baseName(saved)}`;
    }
    const { data, note } = await this.render({
      format: 'png', scale: devicePixelRatio || 1, scope: 'view', background: 'theme', selection: true, name,
      asShown: true, direction: 'lr', theme: 'light', margin: 0, every: 1, delayMs: 900,
    });
    const saved = await saveExport(null, name.replace(/-window\.png$/, '-view.png'), 'png', data);
    return saved === null ? null : `In a browser a page cannot capture its own window, so this saved the graph view only (${baseName(saved)}, ${note})`;
  }
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Ctrl/Cmd+Shift+E opens the dialog wherever focus is, Monaco included. */
export function bindExportKey(editor: monaco.editor.IStandaloneCodeEditor, open: () => void): void {
  const { KeyCode, KeyMod } = monaco;
  editor.addCommand(KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.KeyE, open);
  const editorDom = editor.getDomNode();
  window.addEventListener('keydown', (e) => {
    if (editorDom?.contains(e.target as Node)) return; // Monaco's command ran.
    if ((e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'e') {
      e.preventDefault();
      open();
    }
  });
}
