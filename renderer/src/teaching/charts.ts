// One chart in a container. ECharts (echarts.ts, 0.5 MiB) is a separate chunk,
// loaded when the first chart is made: most programs never show one, and the
// editor's first paint should not wait for it.

import type { ECharts, EChartsCoreOption } from 'echarts/core';
import { lightColours, type ChartColours } from './chart-options.js';

let echarts: Promise<typeof import('./echarts.js')> | null = null;

/** One chart in a container; resizes with it. Options set before ECharts has loaded are drawn once it has. */
export class Chart {
  private chart: ECharts | null = null;
  private option: EChartsCoreOption | null = null;
  private disposed = false;
  private readonly observer: ResizeObserver;

  constructor(readonly element: HTMLElement) {
    this.observer = new ResizeObserver(() => this.chart?.resize());
    this.observer.observe(element);
    echarts ??= import('./echarts.js');
    void echarts.then(({ init }) => inTurn(() => {
      if (this.disposed) return false;
      this.chart = init(element, undefined, { renderer: 'canvas' });
      if (this.option) this.chart.setOption(this.option, { notMerge: true, lazyUpdate: true });
      return true;
    }));
  }

  set(option: EChartsCoreOption): void {
    this.option = option;
    if (!this.chart) return;
    // Charts are drawn one a frame: two or three drawn in one frame (a run's plots arrive
    // together) held the page for over 100 ms.
    void inTurn(() => {
      // A newer option replaced this one meanwhile: it is drawn in its own turn.
      if (this.disposed || this.option !== option || !this.chart) return false;
      this.chart.setOption(option, { notMerge: true, lazyUpdate: true });
      return true;
    });
  }

  dispose(): void {
    this.disposed = true;
    this.observer.disconnect();
    this.chart?.dispose();
  }
}

let turns: Promise<void> = Promise.resolve();

/** Runs `work` after the frame that drew the work queued before it (each chart's drawing is one frame's work); `work` says whether it drew. */
function inTurn(work: () => boolean): Promise<void> {
  turns = turns.then(() => (work() ? new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))) : undefined));
  return turns;
}

/** Chart colours from the page's CSS variables (they follow the theme). */
export function currentColours(): ChartColours {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const presenting = document.body.classList.contains('presentation');
  return {
    text: v('--text', lightColours.text), muted: v('--muted', lightColours.muted), line: v('--line', lightColours.line),
    accent: v('--accent', lightColours.accent), negative: lightColours.negative, positive: lightColours.positive,
    fontSize: presenting ? 16 : 11,
  };
}
