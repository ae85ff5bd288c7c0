// ECharts options for the teaching charts, as pure functions of the data (unit
// tested without a browser). charts.ts mounts them.

import type { EChartsCoreOption } from 'echarts/core';
import type { DecisionBoundary, Series } from '../../../common/snapshot.js';
import type { LeafCheck } from '../../../common/protocol.js';

export interface ChartColours {
  text: string;
  muted: string;
  line: string;
  accent: string;
  /** Regions and points of class −1 and +1. */
  negative: string;
  positive: string;
  fontSize: number;
}

export const lightColours: ChartColours = {
  text: '#1d2330', muted: '#6b7385', line: '#d8dce3', accent: '#1565c0', negative: '#3f6fd8', positive: '#d8493f', fontSize: 11,
};

function axisStyle(c: ChartColours) {
  return {
    axisLine: { lineStyle: { color: c.muted } },
    axisLabel: { color: c.muted, fontSize: c.fontSize },
    splitLine: { lineStyle: { color: c.line } },
    nameTextStyle: { color: c.muted, fontSize: c.fontSize },
  };
}

function base(c: ChartColours, title: string): EChartsCoreOption {
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: c.text, fontSize: c.fontSize },
    title: { text: title, left: 4, top: 0, textStyle: { color: c.text, fontSize: c.fontSize + 1, fontWeight: 'bold' } },
    grid: { left: 8, right: 14, top: 28, bottom: 22, containLabel: true },
    tooltip: { trigger: 'axis', confine: true },
  };
}

/** A series of numbers by index (1-based x): the loss curve, or a `plot.line` series. */
export function lineOption(title: string, values: readonly number[], xName: string, c: ChartColours): EChartsCoreOption {
  let lo = Infinity;
  let hi = -Infinity;
  let count = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    count++;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  // A loss that falls over orders of magnitude reads better on a log scale.
  const logScale = count > 1 && lo > 0 && hi / lo > 100;
  return {
    ...base(c, title),
    xAxis: { type: 'value', name: xName, nameLocation: 'middle', nameGap: 22, min: 1, max: Math.max(values.length, 2), minInterval: 1, ...axisStyle(c) },
    yAxis: { type: logScale ? 'log' : 'value', scale: !logScale, ...axisStyle(c) },
    series: [{
      type: 'line', name: title, showSymbol: values.length <= 30, symbolSize: 5, sampling: 'lttb',
      data: values.map((v, i) => [i + 1, Number.isFinite(v) ? v : null]),
      lineStyle: { color: c.accent, width: 2 }, itemStyle: { color: c.accent },
    }],
  };
}

/** The scores' colour: the class colour mixed with white, stronger further
 *  from the boundary. Opaque, so neighbouring cells never show seams. */
export function regionColour(score: number, c: ChartColours): string {
  const colour = score > 0 ? c.positive : c.negative;
  const strength = 0.3 + 0.45 * Math.min(1, Math.abs(score));
  const n = parseInt(colour.slice(1), 16);
  const mix = (channel: number) => Math.round(255 + (channel - 255) * strength);
  return `rgb(${mix((n >> 16) & 255)}, ${mix((n >> 8) & 255)}, ${mix(n & 255)})`;
}

/** A darker shade of a class colour, for the points on top of its region. */
function darker(colour: string): string {
  const n = parseInt(colour.slice(1), 16);
  const d = (channel: number) => Math.round(channel * 0.6);
  return `rgb(${d((n >> 16) & 255)}, ${d((n >> 8) & 255)}, ${d(n & 255)})`;
}

/** The axis ends are the mesh's edges, not round numbers: their labels would crowd the nearest tick's. */
const noEndLabels = { showMinLabel: false, showMaxLabel: false };

/** Decision regions as filled mesh cells, with the labelled points on top. */
export function boundaryOption(title: string, b: DecisionBoundary, c: ChartColours): EChartsCoreOption {
  const dx = b.xs.length > 1 ? b.xs[1]! - b.xs[0]! : 1;
  const dy = b.ys.length > 1 ? b.ys[1]! - b.ys[0]! : 1;
  const cells: [number, number, number][] = [];
  b.ys.forEach((y, i) => b.xs.forEach((x, j) => cells.push([x, y, b.scores[i]![j]!])));
  const byLabel = (positive: boolean) => b.points.filter((_, k) => (b.labels[k]! > 0) === positive);
  const points = (positive: boolean) => ({
    type: 'scatter', name: positive ? 'label +1' : 'label −1', data: byLabel(positive), symbolSize: c.fontSize > 12 ? 11 : 8, z: 3,
    itemStyle: { color: darker(positive ? c.positive : c.negative), borderColor: '#ffffff', borderWidth: 1 },
  });
  return {
    ...base(c, title),
    tooltip: { trigger: 'item', confine: true },
    // The legend on a row of its own under the title: beside it, a narrow panel overlaps them.
    legend: { left: 4, top: c.fontSize + 12, textStyle: { color: c.text, fontSize: c.fontSize }, data: ['label −1', 'label +1'] },
    grid: { left: 8, right: 14, top: 2 * c.fontSize + 34, bottom: 22, containLabel: true },
    xAxis: { type: 'value', min: b.xs[0]! - dx / 2, max: b.xs[b.xs.length - 1]! + dx / 2, ...axisStyle(c), axisLine: { onZero: false, lineStyle: { color: c.muted } }, splitLine: { show: false }, axisLabel: { ...axisStyle(c).axisLabel, formatter: (v: number) => v.toFixed(1), ...noEndLabels } },
    yAxis: { type: 'value', min: b.ys[0]! - dy / 2, max: b.ys[b.ys.length - 1]! + dy / 2, ...axisStyle(c), axisLine: { onZero: false, lineStyle: { color: c.muted } }, splitLine: { show: false }, axisLabel: { ...axisStyle(c).axisLabel, formatter: (v: number) => v.toFixed(1), ...noEndLabels } },
    series: [
      {
        type: 'custom', name: 'score', silent: true, z: 1, data: cells,
        // Drawn a few hundred cells a frame: the 1,600 cells of a 40×40 mesh at once held the page for over 100 ms.
        progressive: 100, progressiveThreshold: 200,
        renderItem: (_params: unknown, api: { value(i: number): number; coord(p: number[]): number[] }) => {
          const x = api.value(0);
          const y = api.value(1);
          const [x0, y0] = api.coord([x - dx / 2, y + dy / 2]) as [number, number];
          const [x1, y1] = api.coord([x + dx / 2, y - dy / 2]) as [number, number];
          return { type: 'rect', shape: { x: x0, y: y0, width: x1 - x0 + 0.5, height: y1 - y0 + 0.5 }, style: { fill: regionColour(api.value(2), c) } };
        },
        encode: { x: 0, y: 1 },
      },
      points(false),
      points(true),
    ],
  };
}

/** Smallest error the log axis shows: an exact slope would sit at −∞. */
export const errorFloor = 1e-17;

/** |slope − grad| against h, both on log scales: truncation error falls with h, rounding error rises. */
export function explorerOption(check: LeafCheck, c: ChartColours, turn: number | null = null): EChartsCoreOption {
  const data = check.slopes.map((s) => [s.h, Math.max(Math.abs(s.slope - check.grad), errorFloor)]);
  return {
    ...base(c, '|slope − grad| vs h'),
    grid: { left: 8, right: 14, top: 26, bottom: 22, containLabel: true },
    xAxis: { type: 'log', name: 'h', nameLocation: 'middle', nameGap: 20, inverse: true,
      min: Math.min(...check.slopes.map((s) => s.h)), max: Math.max(...check.slopes.map((s) => s.h)), ...axisStyle(c), axisLabel: { ...axisStyle(c).axisLabel, formatter: (v: number) => v.toExponential(0) } },
    yAxis: { type: 'log', ...axisStyle(c), axisLabel: { ...axisStyle(c).axisLabel, formatter: (v: number) => v.toExponential(0) } },
    series: [{
      type: 'line', data, symbolSize: 6, lineStyle: { color: c.accent }, itemStyle: { color: c.accent },
      markPoint: { symbol: 'circle', symbolSize: 12, itemStyle: { color: 'transparent', borderColor: c.positive, borderWidth: 2 },
        data: [{ coord: [check.best.h, Math.max(Math.abs(check.best.slope - check.grad), errorFloor)], name: 'best h' }], label: { show: false } },
      // Left of the best h (the axis runs from large h to small), rounding error takes over.
      ...(turn === null ? {} : {
        markLine: { symbol: 'none', silent: true, lineStyle: { color: c.negative, type: 'dashed' },
          label: { formatter: 'rounding →', color: c.muted, position: 'insideEndTop', fontSize: c.fontSize }, data: [{ xAxis: turn }] },
      }),
    }],
  };
}

/** Every `plot.line` series, for the plots panel. */
export function seriesOptions(series: readonly Series[], c: ChartColours): { name: string; option: EChartsCoreOption }[] {
  return series.map((s) => ({ name: s.name, option: lineOption(s.name, s.values, 'point', c) }));
}
