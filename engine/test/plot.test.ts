// What programs draw (plot.line, plot.decisionBoundary), the loss curve
// (rootHistory) and the progress a long run reports.

import { describe, expect, test } from 'vitest';
import { run } from '../runner/run.js';
import type { RunProgress } from '../../common/snapshot.js';

const training = (steps: number) => `
const { X, y } = makeMoons(20, 0.1);
const model = new MLP(2, [8, 1]);
for (let k = 0; k < ${steps}; k++) {
  const losses = X.map((x, i) => model.forward(x).mul(-y[i]).add(1).relu());
  const loss = losses.reduce((a, b) => a.add(b)).mul(1 / losses.length);
  model.zeroGrad();
  loss.backward();
  for (const p of model.parameters()) p.data -= 0.3 * p.grad;
  plot.line('loss', loss);
  plot.line('loss × 2', loss.data * 2);
}
plot.decisionBoundary(model, X, y);
`;

describe('plots', () => {
  test('plot.line appends to named series, from Values or numbers', () => {
    const snapshot = run(training(5));
    expect(snapshot.error).toBeNull();
    const [loss, doubled] = snapshot.plots.series;
    expect(loss.name).toBe('loss');
    expect(doubled.name).toBe('loss × 2');
    expect(loss.values).toHaveLength(5);
    expect(doubled.values).toEqual(loss.values.map((v) => v * 2));
  });

  test('rootHistory is the root of every backward() call: the loss curve', () => {
    const snapshot = run(training(5));
    expect(snapshot.rootHistory).toEqual(snapshot.plots.series[0].values);
    const roots = snapshot.backward.map((c) => snapshot.nodes.find((n) => n.id === c.root)!.data);
    expect(snapshot.rootHistory).toEqual(roots);
  });

  test('decisionBoundary scores a mesh around the points with the model, outside the graph', () => {
    const withBoundary = run(training(30));
    const without = run(training(30).replace('plot.decisionBoundary(model, X, y);', ''));
    const [boundary] = withBoundary.plots.boundaries;
    expect(boundary.points).toHaveLength(20);
    expect(boundary.labels).toHaveLength(20);
    expect(boundary.scores).toHaveLength(boundary.ys.length);
    expect(boundary.scores[0]).toHaveLength(boundary.xs.length);
    // The mesh covers every point.
    for (const [x, y] of boundary.points) {
      expect(x).toBeGreaterThan(boundary.xs[0]);
      expect(x).toBeLessThan(boundary.xs.at(-1)!);
      expect(y).toBeGreaterThan(boundary.ys[0]);
      expect(y).toBeLessThan(boundary.ys.at(-1)!);
    }
    // The mesh's forward passes are not part of the program's graph.
    expect(withBoundary.nodes.length).toBe(without.nodes.length);
    // After training, the score's sign at the mesh cell nearest a point mostly matches its label.
    const nearest = (axis: number[], v: number) => axis.reduce((best, a, i) => (Math.abs(a - v) < Math.abs(axis[best] - v) ? i : best), 0);
    const agree = boundary.points.filter(([x, y], i) => {
      const score = boundary.scores[nearest(boundary.ys, y)][nearest(boundary.xs, x)];
      return score > 0 === boundary.labels[i] > 0;
    }).length;
    expect(agree).toBeGreaterThanOrEqual(15);
  });

  test('bad plot arguments are located errors', () => {
    const { error } = run('const a = 1;\nplot.decisionBoundary(null, [[1, 2, 3]], [1]);');
    expect(error?.kind).toBe('runtime');
    expect(error?.line).toBe(2);
    expect(error?.message).toContain('2-D points');
  });
});

describe('progress', () => {
  test('a long run reports its progress while it runs', () => {
    const reports: RunProgress[] = [];
    // Trains for 0.8 s of wall time, whatever the machine's speed: progress comes every 250 ms.
    const program = `const t0 = Date.now();\n${training(1).replace('k < 1;', 'Date.now() - t0 < 800;')}`;
    const snapshot = run(program, {}, (p) => reports.push(p));
    expect(snapshot.error).toBeNull();
    expect(reports.length).toBeGreaterThan(0);
    const last = reports.at(-1)!;
    expect(last.rootHistory.length).toBeGreaterThan(0);
    expect(reports.length).toBeGreaterThanOrEqual(2);
    expect(last.rootHistory).toEqual(snapshot.rootHistory.slice(0, last.rootHistory.length));
    expect(last.series[0].name).toBe('loss');
    for (let i = 1; i < reports.length; i++) expect(reports[i].elapsedMs).toBeGreaterThan(reports[i - 1].elapsedMs);
  });
});
