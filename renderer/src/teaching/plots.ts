// The plots panel: the loss curve (the root's value at every backward() call)
// live while a program runs, every `plot.line` series, and every
// `plot.decisionBoundary`. What a stopped or failed run drew so far stays.

import type { DecisionBoundary, Series } from '../../../common/snapshot.js';
import type { RunProgress, Snapshot } from '../../../common/snapshot.js';
import { boundaryOption, lineOption, type ChartColours } from './chart-options.js';
import { Chart, currentColours } from './charts.js';
import type { EChartsCoreOption } from 'echarts/core';

export interface PlotData {
  rootHistory: readonly number[];
  series: readonly Series[];
  boundaries: readonly DecisionBoundary[];
}

/** The charts to show, by a stable key: the loss curve once backward() ran twice. */
export function chartsFor(data: PlotData, c: ChartColours): { key: string; kind: string; option: EChartsCoreOption }[] {
  const charts: { key: string; kind: string; option: EChartsCoreOption }[] = [];
  if (data.rootHistory.length >= 2) charts.push({ key: 'loss', kind: 'loss', option: lineOption('loss per backward()', data.rootHistory, 'call', c) });
  for (const s of data.series) charts.push({ key: `series:${s.name}`, kind: 'line', option: lineOption(s.name, s.values, 'point', c) });
  data.boundaries.forEach((b, i) => charts.push({ key: `boundary:${i}`, kind: 'boundary', option: boundaryOption(data.boundaries.length > 1 ? `decision boundary ${i + 1}` : 'decision boundary', b, c) }));
  return charts;
}

export class PlotsPanel {
  private readonly charts = new Map<string, { box: HTMLElement; chart: Chart }>();
  private data: PlotData = { rootHistory: [], series: [], boundaries: [] };
  private readonly list: HTMLElement;

  constructor(private readonly panel: HTMLElement) {
    const title = document.createElement('h2');
    title.textContent = 'Plots';
    this.list = document.createElement('div');
    this.list.className = 'plot-list';
    panel.replaceChildren(title, this.list);
    panel.hidden = true;
  }

  progress(p: RunProgress): void {
    this.show({ rootHistory: p.rootHistory, series: p.series, boundaries: [] });
  }

  /** A finished run: a good one replaces the plots; a failed one keeps what its progress drew. */
  result(snapshot: Snapshot): void {
    if (snapshot.error === null) this.show({ rootHistory: snapshot.rootHistory, series: snapshot.plots.series, boundaries: snapshot.plots.boundaries });
    else if (snapshot.rootHistory.length > 0 || snapshot.plots.series.length > 0) {
      this.show({ rootHistory: snapshot.rootHistory, series: snapshot.plots.series, boundaries: snapshot.plots.boundaries });
    }
  }

  restyle(): void {
    this.show(this.data);
  }

  private show(data: PlotData): void {
    this.data = data;
    const wanted = chartsFor(data, currentColours());
    // Shown before any chart is made, so each starts at its real size.
    this.panel.hidden = wanted.length === 0;
    const keys = new Set(wanted.map((w) => w.key));
    for (const [key, { box, chart }] of this.charts) {
      if (keys.has(key)) continue;
      chart.dispose();
      box.remove();
      this.charts.delete(key);
    }
    for (const w of wanted) {
      let entry = this.charts.get(w.key);
      if (!entry) {
        const box = document.createElement('div');
        box.className = `chart plot-${w.kind}`;
        box.dataset.plot = w.key;
        box.setAttribute('role', 'img');
        box.setAttribute('aria-label', w.key === 'loss' ? 'Loss curve' : w.kind === 'boundary' ? 'Decision boundary' : `Series ${w.key.slice(7)}`);
        this.list.append(box);
        entry = { box, chart: new Chart(box) };
        this.charts.set(w.key, entry);
      }
      entry.chart.set(w.option);
    }
    // Keep the order: loss, series, boundaries.
    for (const w of wanted) this.list.append(this.charts.get(w.key)!.box);
  }
}
