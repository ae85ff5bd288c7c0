// The derivative explorer: for the selected leaf, the slope (f(x+h) − f(x))/h
// of the root for h = 1e-1 … 1e-15, next to the grad backward computed, as a
// table and a log-log chart of the error, with the h below which rounding
// error (cancellation in f(x+h) − f(x)) takes over marked. "Check all gradients" runs the
// finite-difference check for every leaf of the shown call's graph and lists the
// leaves that disagree and those at a kink (ReLU at 0), each a button to its value.
// The worker does the arithmetic.

import type { GradientCheck, LeafCheck } from '../../../common/protocol.js';
import { nameOf, type GraphNode } from '../../../common/snapshot.js';
import { explorerOption } from './chart-options.js';
import { Chart, currentColours } from './charts.js';

export interface ExplorerSource {
  /** The shown call's index, or -1; whether the shown graph is from the worker's last run. */
  call(): number;
  current(): boolean;
  node(id: number): GraphNode | null;
  /** Leaves of the shown call, and how many values its graph has. */
  size(): { leaves: number; values: number };
  /** Select a value in the graph (a result row was clicked). */
  select(id: number): void;
  /** What the app calls a value (`c₂`, names.ts). */
  name(id: number): string;
  isLeafOfCall(id: number): boolean;
  explore(call: number, leaf: number): Promise<LeafCheck>;
  check(call: number): Promise<GradientCheck>;
}

/** Result rows listed after a check; the rest are counted. */
const maxRows = 50;

/** Above this many leaf × value evaluations the full check would hold the worker for too long. */
export const checkBudget = 20_000_000;

export function formatNumber(x: number, digits = 6): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e6 ? x.toPrecision(digits).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '') : x.toExponential(digits - 2);
}

/**
 * The smallest h before rounding error takes over, or null when it never
 * does in the table: the best h, when some smaller h is at least ten times
 * (and clearly, 1e-12 relative) worse. Below it, shrinking h only hurts.
 */
export function roundingTakesOver(check: LeafCheck): number | null {
  const best = check.best;
  const worse = check.slopes.some((s) => s.h < best.h && s.relError > Math.max(10 * best.relError, 1e-12));
  return worse ? best.h : null;
}

/** Why the error grows again for tiny h: one sentence. */
export const cancellationNote =
  'f(x+h) and f(x) then agree in almost all of their ~16 significant digits, so their difference keeps only the few digits that differ, and dividing by a tiny h magnifies the rounding error (cancellation).';

/** What the panel says about the selection: a sentence, "Nudging a by h…", or a leaf's table. */
export type Shown =
  | { kind: 'hint'; text: string }
  | { kind: 'waiting'; leaf: GraphNode }
  | { kind: 'table'; leaf: GraphNode; check: LeafCheck };

export const staleHint = 'The program changed since this graph was drawn: run it again to explore.';
export const selectHint = 'Select a leaf (a value no op made) to see the definition of the derivative at work.';

/**
 * Which leaf's table the panel shows or waits for, apart from drawing it.
 * A request is for one run, one call and one leaf (its key): asked again for
 * the same key it is left alone (the answer on its way still lands), any other
 * key abandons it. A request that could not be made (the worker holds another
 * run) or that failed leaves no key, so the next selection or run asks again:
 * after every run the selected leaf is asked about afresh, or the panel says
 * why not.
 */
export class LeafRequests {
  /** Counts the runs shown; part of every key. */
  private run = 0;
  /** The request shown or in flight; `none:run` when nothing is selected in this run. */
  private key: string | null = null;
  /** Only the answer to the newest request is shown. */
  private token = 0;
  /** The leaf selected last, and in which run: a new run without it says so. */
  private chosen: { name: string; run: number } | null = null;

  constructor(
    private readonly source: Pick<ExplorerSource, 'call' | 'current' | 'node' | 'isLeafOfCall' | 'explore'>,
    private readonly show: (shown: Shown) => void,
  ) {}

  /** A new run's graph is shown: every answer so far is about another run. */
  newRun(): void {
    this.run++;
    this.key = null;
    this.token++;
  }

  /** The selection (or the shown call) is `id`: show its table, or say why not. */
  select(id: number | null): void {
    const call = this.source.call();
    const node = id === null ? null : this.source.node(id);
    if (call < 0) {
      this.chosen = null;
      this.say(null, 'No backward() call to explore.');
      return;
    }
    if (node === null || node.op !== null || !this.source.isLeafOfCall(node.id)) {
      const none = `none:${this.run}`;
      const gone = id === null && this.chosen !== null && this.chosen.run !== this.run ? this.chosen.name : null;
      this.chosen = null;
      if (gone !== null) this.say(none, `${gone}, the leaf you selected, is not in the new graph. ${selectHint}`);
      // That sentence stays until something is selected.
      else if (id !== null || this.key !== none) this.say(id === null ? none : null, selectHint);
      return;
    }
    this.chosen = { name: nameOf(node), run: this.run };
    const key = `${this.run}:${call}:${node.id}`;
    if (key === this.key) return;
    if (!this.source.current()) {
      this.say(null, staleHint);
      return;
    }
    this.key = key;
    const token = ++this.token;
    this.show({ kind: 'waiting', leaf: node });
    this.source.explore(call, node.id).then(
      (check) => token === this.token && this.show({ kind: 'table', leaf: node, check }),
      (error: Error) => {
        if (token !== this.token) return;
        // Asked again at the next selection or run; a restarted worker means the program is running again.
        this.key = null;
        this.show({ kind: 'hint', text: this.source.current() ? error.message : staleHint });
      },
    );
  }

  /** Shows a sentence; an answer still on its way is dropped. */
  private say(key: string | null, text: string): void {
    this.key = key;
    this.token++;
    this.show({ kind: 'hint', text });
  }
}

export class Explorer {
  private chart: Chart | null = null;
  private last: LeafCheck | null = null;
  private readonly requests: LeafRequests;
  private readonly body: HTMLElement;
  private readonly checkButton: HTMLButtonElement;
  private readonly checkResult: HTMLElement;
  private readonly checkRows: HTMLElement;

  constructor(panel: HTMLElement, private readonly source: ExplorerSource) {
    panel.replaceChildren();
    const title = document.createElement('h2');
    title.textContent = 'Derivative explorer';
    this.body = document.createElement('div');
    this.body.className = 'explorer-body';
    this.body.setAttribute('aria-live', 'polite');
    const row = document.createElement('div');
    row.className = 'explorer-check';
    this.checkButton = document.createElement('button');
    this.checkButton.type = 'button';
    this.checkButton.textContent = 'Check all gradients';
    this.checkButton.onclick = () => void this.checkAll();
    this.checkResult = document.createElement('p');
    this.checkResult.className = 'check-result';
    this.checkResult.setAttribute('role', 'status');
    this.checkRows = document.createElement('ul');
    this.checkRows.className = 'check-rows';
    this.checkRows.setAttribute('aria-label', 'Gradient check results');
    row.append(this.checkButton, this.checkResult, this.checkRows);
    panel.append(title, this.body, row);
    this.requests = new LeafRequests(source, (shown) => this.display(shown));
    this.show(null);
  }

  /** The selection, the shown call or the run changed (repeating one is harmless). */
  show(id: number | null): void {
    this.checkButton.disabled = this.source.call() < 0;
    this.requests.select(id);
  }

  /** A new run's graph or another call is shown: forget the check's results; `newRun`: and every table. */
  invalidate(newRun: boolean): void {
    if (newRun) this.requests.newRun();
    this.checkResult.textContent = '';
    this.checkRows.replaceChildren();
  }

  private display(shown: Shown): void {
    const text = shown.kind === 'hint' ? shown.text : shown.kind === 'waiting' ? `Nudging ${nameOf(shown.leaf)} by h…` : null;
    // Each step and breakpoint reports a change (session.ts): a sentence already shown stays as it is.
    if (text !== null && this.body.childElementCount === 1 && this.body.firstElementChild?.classList.contains('hint') && this.body.textContent === text) return;
    this.last = null;
    if (shown.kind === 'table') {
      this.render(shown.leaf, shown.check);
      return;
    }
    this.disposeChart();
    this.body.replaceChildren(hint(text!));
  }

  /** Redraw the chart with the theme's colours. */
  restyle(): void {
    if (this.chart && this.last) this.chart.set(explorerOption(this.last, currentColours(), roundingTakesOver(this.last)));
  }

  private render(node: GraphNode, check: LeafCheck): void {
    this.last = check;
    const intro = document.createElement('p');
    intro.className = 'explorer-intro';
    intro.append(`d root / d ${nameOf(node)} ≈ (f(x+h) − f(x)) / h`);
    const grad = document.createElement('p');
    grad.className = 'explorer-grad';
    grad.append('grad from backward: ');
    const g = document.createElement('strong');
    g.dataset.field = 'grad';
    g.textContent = formatNumber(check.grad, 8);
    grad.append(g);

    const table = document.createElement('table');
    table.className = 'explorer-table';
    table.setAttribute('aria-label', 'Finite differences');
    const head = table.createTHead().insertRow();
    for (const h of ['h', 'slope', 'rel. error']) {
      const th = document.createElement('th');
      th.textContent = h;
      head.append(th);
    }
    const body = table.createTBody();
    const turn = roundingTakesOver(check);
    for (const s of check.slopes) {
      const tr = body.insertRow();
      tr.dataset.h = String(s.h);
      if (s === check.best || s.h === check.best.h) tr.className = 'best';
      else if (turn !== null && s.h < turn) tr.className = 'rounding';
      for (const [text, field] of [[s.h.toExponential(0), 'h'], [formatNumber(s.slope, 8), 'slope'], [s.relError.toExponential(1), 'error']] as const) {
        const td = tr.insertCell();
        td.textContent = text;
        td.dataset.field = field;
      }
    }
    const best = document.createElement('p');
    best.className = 'explorer-best';
    best.textContent = `best h = ${check.best.h.toExponential(0)}: relative error ${check.best.relError.toExponential(1)}`;
    const note = document.createElement('p');
    note.className = 'explorer-rounding';
    note.textContent = turn === null
      ? 'Rounding error does not take over in this range of h.'
      : `Below h = ${turn.toExponential(0)} (shaded rows) rounding error takes over: ${cancellationNote}`;
    const chartBox = document.createElement('div');
    chartBox.className = 'chart explorer-chart';
    this.disposeChart();
    this.body.replaceChildren(intro, grad, table, best, note, chartBox);
    if (check.kink !== null) {
      const kink = document.createElement('p');
      kink.className = 'explorer-kink';
      kink.textContent = `kink: at h = ${check.best.h.toExponential(0)} the input of ${this.source.name(check.kink)} (${this.source.node(check.kink)?.op ?? 'op'}) crosses 0, where it has no derivative — finite differences are not meaningful here.`;
      best.after(kink);
    }
    this.chart = new Chart(chartBox);
    this.chart.set(explorerOption(check, currentColours(), turn));
  }

  private async checkAll(): Promise<void> {
    const call = this.source.call();
    if (call < 0) return;
    const { leaves, values } = this.source.size();
    if (leaves * values > checkBudget) {
      this.checkResult.textContent = `Too large to check here: ${leaves} leaves × ${values} values. Try a smaller example.`;
      return;
    }
    if (!this.source.current()) {
      this.checkResult.textContent = 'The program changed since this graph was drawn: run it again first.';
      return;
    }
    this.checkButton.disabled = true;
    this.checkResult.textContent = 'Checking…';
    this.checkRows.replaceChildren();
    try {
      this.showCheck(await this.source.check(call));
    } catch (error) {
      this.checkResult.textContent = (error as Error).message;
    } finally {
      this.checkButton.disabled = this.source.call() < 0;
    }
  }

  /** The summary, then a row per leaf that disagrees (errors first) or sits at a kink. */
  private showCheck(result: GradientCheck): void {
    const worst = result.worst;
    const errors = result.leaves.filter((c) => c.verdict === 'error').sort((x, y) => y.best.relError - x.best.relError);
    const kinks = result.leaves.filter((c) => c.verdict === 'kink');
    const counts = `${errors.length} error${errors.length === 1 ? '' : 's'}${kinks.length > 0 ? `, ${kinks.length} at a kink` : ''}`;
    this.checkResult.textContent = result.leaves.length === 0
      ? 'No leaves to check.'
      : `${result.leaves.length} leaves checked: ${counts}. ${worst === null
        ? 'Every leaf is at a kink.'
        : `Largest relative error${kinks.length > 0 ? ' (kinks aside)' : ''} ${worst.best.relError.toExponential(1)} at ${this.source.name(worst.leaf)} (h = ${worst.best.h.toExponential(0)}).`}`;
    this.checkResult.dataset.worst = String(worst?.best.relError ?? 0);
    const shown = [...errors, ...kinks];
    const rows = shown.slice(0, maxRows).map((c) => this.checkRow(c));
    if (shown.length > maxRows) rows.push(hint(`… ${shown.length - maxRows} more`));
    this.checkRows.replaceChildren(...rows);
  }

  private checkRow(c: LeafCheck): HTMLElement {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `check-row ${c.verdict}`;
    button.dataset.verdict = c.verdict;
    button.dataset.leaf = String(c.leaf);
    const name = document.createElement('strong');
    name.textContent = this.source.name(c.leaf);
    const text = c.verdict === 'kink'
      ? `kink: the input of ${this.source.node(c.kink!)?.op ?? 'op'} ${this.source.name(c.kink!)} is within h = ${c.best.h.toExponential(0)} of 0 — finite differences are not meaningful here (slope ${formatNumber(c.best.slope)}, grad ${formatNumber(c.grad)})`
      : `error: grad ${formatNumber(c.grad)}, slope ${formatNumber(c.best.slope)} (relative error ${c.best.relError.toExponential(1)}, h = ${c.best.h.toExponential(0)})`;
    button.append(name, ` ${text}`);
    button.title = 'Select this value in the graph';
    button.onclick = () => this.source.select(c.leaf);
    li.append(button);
    return li;
  }

  private disposeChart(): void {
    this.chart?.dispose();
    this.chart = null;
  }
}

function hint(text: string): HTMLElement {
  const p = document.createElement('p');
  p.className = 'hint';
  p.textContent = text;
  return p;
}
