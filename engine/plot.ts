// What a program can draw: named series of numbers (`plot.line`), and a 2-D
// classifier's decision regions with its data (`plot.decisionBoundary`), as at
// the end of micrograd's demo.

import type { DecisionBoundary, Plots } from '../common/snapshot.js';
import { withObserver, type Operand, type Value } from './value.js';

export interface Plot {
  /** Appends y to the series `name` (a Value's data, or a number). */
  line(name: string, y: number | Value): void;
  /** Scores `model` on a mesh over the points and draws its regions with the points. */
  decisionBoundary(model: Model, points: readonly (readonly number[])[], labels: readonly number[]): void;
}

export interface Model {
  forward(x: readonly Operand[]): Value | Value[];
}

const meshSize = 40;
const maxSeriesLength = 100_000;

/** A fresh `plot` object for one run, and what it collected. */
export function createPlot(): { plot: Plot; plots: Plots } {
  const plots: Plots = { series: [], boundaries: [] };
  const plot: Plot = {
    line(name, y) {
      const value = typeof y === 'number' ? y : y.data;
      if (typeof name !== 'string') throw new TypeError('plot.line(name, y) needs a series name');
      if (typeof value !== 'number') throw new TypeError('plot.line(name, y) needs a number or a Value');
      let series = plots.series.find((s) => s.name === name);
      if (series === undefined) {
        series = { name, values: [] };
        plots.series.push(series);
      }
      if (series.values.length < maxSeriesLength) series.values.push(value);
    },
    decisionBoundary(model, points, labels) {
      if (points.length === 0 || points.some((p) => p.length !== 2)) {
        throw new TypeError('plot.decisionBoundary(model, points, labels) needs 2-D points');
      }
      if (labels.length !== points.length) throw new RangeError('plot.decisionBoundary: one label per point');
      plots.boundaries.push(boundary(model, points, labels));
    },
  };
  return { plot, plots };
}

function boundary(model: Model, points: readonly (readonly number[])[], labels: readonly number[]): DecisionBoundary {
  const axis = (k: number) => {
    const values = points.map((p) => p[k]);
    const lo = Math.min(...values) - 0.5;
    const hi = Math.max(...values) + 0.5;
    return Array.from({ length: meshSize }, (_, i) => lo + ((hi - lo) * i) / (meshSize - 1));
  };
  const xs = axis(0);
  const ys = axis(1);
  // The mesh is not part of the program's computation: keep it out of the graph.
  const scores = withObserver(null, () =>
    ys.map((y) =>
      xs.map((x) => {
        const out = model.forward([x, y]);
        return (Array.isArray(out) ? out[0] : out).data;
      }),
    ),
  );
  return { xs, ys, scores, points: points.map((p) => [p[0], p[1]]), labels: [...labels] };
}
