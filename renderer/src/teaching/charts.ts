// Apache ECharts, tree-shaken to what the teaching charts use: lines, scatter,
// a custom series for the decision regions, on the canvas renderer.

import * as echarts from 'echarts/core';
import { CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { lightColours, type ChartColours } from './chart-options.js';

echarts.use([LineChart, ScatterChart, CustomChart, GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

/** One chart in a container; resizes with it. */
export class Chart {
  private readonly chart: echarts.ECharts;
  private readonly observer: ResizeObserver;

  constructor(readonly element: HTMLElement) {
    this.chart = echarts.init(element, undefined, { renderer: 'canvas' });
    this.observer = new ResizeObserver(() => this.chart.resize());
    this.observer.observe(element);
  }

  set(option: echarts.EChartsCoreOption): void {
    this.chart.setOption(option, { notMerge: true, lazyUpdate: true });
  }

  dispose(): void {
    this.observer.disconnect();
    this.chart.dispose();
  }
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
