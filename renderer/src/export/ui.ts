// File ▸ Export: the dialog, its actions (save, copy image, screenshot) and
// progress. Everything is exported as the view shows it: the grads at the
// current step, the highlighted current node, and the selection if asked.

import type cytoscape from 'cytoscape';
import type { DesktopApi } from '../../../electron/api.js';
import { toDot } from '../../../engine/export/dot.js';
import { toJSON, type GraphNode } from '../../../common/snapshot.js';
import { monaco } from '../editor/monaco.js';
import type { Session } from '../session.js';
import { exportArea, ExportRefused, raster, rasterPlan, svgModel, withSelection, type Scope } from './capture.js';
import { suggestedName, withExtension, type ExportFormat } from './filename.js';
import { describePlan } from './limits.js';
import { saveExport } from './save.js';
import { buildSvg } from './svg.js';
import './export.css';

export interface ExportHost {
  cy: cytoscape.Core;
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
    <label><input type="radio" name="export-format" value="dot"> Graphviz DOT</label>
    <label><input type="radio" name="export-format" value="json"> JSON (gradscope.graph/1)</label>
  </fieldset>
  <div class="export-grid">
    <label for="export-scale">Scale</label>
    <select id="export-scale"><option value="1">1×</option><option value="2" selected>2×</option><option value="4">4×</option></select>
    <label for="export-scope">Area</label>
    <select id="export-scope"><option value="graph">Whole graph</option><option value="view">Current view</option></select>
    <label for="export-background">Background</label>
    <select id="export-background"><option value="theme">Theme colour</option><option value="white">White</option><option value="transparent">Transparent</option></select>
    <span></span>
    <label class="export-check"><input type="checkbox" id="export-selection" checked> Include selection</label>
    <label for="export-name">File name</label>
    <input id="export-name" type="text" spellcheck="false" autocomplete="off">
  </div>
  <p id="export-hint" class="hint"></p>
  <p id="export-progress" role="status" hidden><span class="export-spinner" aria-hidden="true"></span> <span id="export-progress-text"></span></p>
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
    this.q('#export-copy').onclick = () => void this.run(() => this.copyImage(this.choice()));
    this.q('#export-screenshot').onclick = () => void this.run(() => this.screenshot());
    if (!host.desktop) this.q('#export-screenshot').title = 'In a browser a page cannot capture its window: this saves the graph view only';
  }

  open(): void {
    if (this.dialog.open) return;
    this.nameEdited = false;
    this.message('');
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
    return {
      format,
      scale: Number(this.q<HTMLSelectElement>('#export-scale').value),
      scope: this.q<HTMLSelectElement>('#export-scope').value as Scope,
      background,
      selection: this.q<HTMLInputElement>('#export-selection').checked,
      name: this.q<HTMLInputElement>('#export-name').value,
    };
  }

  /** Enables what applies to the chosen format and keeps the file name's extension in step. */
  private sync(): void {
    const format = (this.q<HTMLInputElement>('input[name="export-format"]:checked')?.value ?? 'png') as ExportFormat;
    const image = format === 'png' || format === 'jpeg' || format === 'svg';
    this.q<HTMLSelectElement>('#export-scale').disabled = !(format === 'png' || format === 'jpeg');
    this.q<HTMLSelectElement>('#export-scope').disabled = !image;
    this.q<HTMLSelectElement>('#export-background').disabled = !image;
    const transparent = this.q<HTMLOptionElement>('#export-background option[value="transparent"]');
    transparent.disabled = format === 'jpeg';
    if (format === 'jpeg' && this.q<HTMLSelectElement>('#export-background').value === 'transparent') this.q<HTMLSelectElement>('#export-background').value = 'theme';
    this.q<HTMLInputElement>('#export-selection').disabled = format === 'json';
    const name = this.q<HTMLInputElement>('#export-name');
    if (!this.nameEdited || name.value.trim() === '') name.value = suggestedName(this.host.programName(), this.stepInfo(), format);
    const hints: Record<ExportFormat, string> = {
      png: 'Raster image of the graph as drawn.',
      jpeg: 'Raster image; JPEG has no transparency.',
      svg: 'Vector image; node text stays text.',
      dot: 'For Graphviz: the drawn graph in micrograd’s draw_dot look, grads at the current step.',
      json: 'The whole run as gradscope.graph/1, as `gradscope export --format json` writes it.',
    };
    this.q('#export-hint').textContent = hints[format];
  }

  private stepInfo(): { position: number; total: number } | null {
    const s = this.host.session.stepper;
    return s ? { position: s.position, total: s.total } : null;
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
    this.dialog.setAttribute('aria-busy', 'true');
    for (const b of this.dialog.querySelectorAll('button')) b.disabled = true;
    this.message('');
    const progress = this.q('#export-progress');
    const timer = setTimeout(() => (progress.hidden = false), progressDelayMs);
    try {
      const done = await action();
      if (done !== null) {
        this.message(done);
        this.host.status(done);
      }
    } catch (error) {
      this.message(error instanceof Error ? error.message : String(error), true);
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
    if (!this.host.session.snapshot || this.host.cy.nodes().empty()) throw new ExportRefused('There is no graph to export yet: run a program first.');
  }

  /** Builds the file for a choice; for images, the plan's note (size, scaling). */
  async render(choice: ExportChoice): Promise<{ data: string | Blob; note: string }> {
    this.requireGraph();
    const { cy, session } = this.host;
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
      await this.phase('Building SVG…');
      const svg = await withSelection(cy, choice.selection, () => buildSvg(svgModel(cy, choice.scope, this.background(choice))));
      const { width, height, unit } = exportArea(cy, choice.scope);
      return { data: svg, note: `${Math.round(width * (choice.scope === 'view' ? 1 : unit))} × ${Math.round(height)} units, vector` };
    }
    await this.phase('Measuring…');
    const plan = rasterPlan(cy, choice.scope, choice.scale);
    if (!plan.ok) throw new ExportRefused(plan.reason);
    await this.phase(`Drawing ${plan.width.toLocaleString('en-US')} × ${plan.height.toLocaleString('en-US')} px…`);
    const blob = await withSelection(cy, choice.selection, () => raster(cy, fmt, choice.scope, plan, this.background(choice)));
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
    let note = '';
    // The write starts now, while the click still counts as a user gesture; the image follows.
    const blob = this.render(png).then((r) => ((note = r.note), r.data as Blob));
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]);
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
    const { data, note } = await this.render({ format: 'png', scale: devicePixelRatio || 1, scope: 'view', background: 'theme', selection: true, name });
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
