// The benchmark's workloads, pure engine code so that they run both under
// Node and in Chromium (where the app's engine worker runs them).

import { Value, topologicalOrder } from '../value.js';
import { MLP } from '../nn.js';
import { makeMoons } from '../data.js';
import { seed } from '../random.js';
import { Trace, withTrace } from '../trace.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function ms(x: number): string {
  return `${x.toFixed(x < 10 ? 2 : 0)} ms`;
}

function sum(values: Value[]): Value {
  // Python's sum() starts from 0, which micrograd turns into a leaf; so do we,
  // to build the same graph (65,818 values per step).
  let total = new Value(0);
  for (const v of values) total = total.add(v);
  return total;
}

/** micrograd's demo.ipynb loss: SVM max-margin plus L2, full batch. */
function demoLoss(model: MLP<[16, 16, 1]>, X: number[][], y: number[]) {
  const scores = X.map((row) => model.forward(row.map((x) => new Value(x))));
  const losses = scores.map((score, i) => score.mul(-y[i]).add(1).relu());
  const dataLoss = sum(losses).mul(1 / losses.length);
  const regLoss = sum(model.parameters().map((p) => p.mul(p))).mul(1e-4);
  const accuracy = scores.filter((score, i) => score.data > 0 === y[i] > 0).length / y.length;
  return { loss: dataLoss.add(regLoss), accuracy };
}

interface Training {
  stepTimes: number[];
  total: number;
  accuracy: number;
  values: number;
  firstLoss: number;
  lastLoss: number;
}

/** micrograd's 100-step demo; `traced`: inside a Trace, as the app and the
 *  CLI run programs (every value listed, every backward() call recorded). */
function demoTraining(traced = false): Training {
  if (traced) return withTrace(new Trace(), () => demoTraining(false));
  seed(1337);
  const model = new MLP(2, [16, 16, 1]);
  const { X, y } = makeMoons(100, 0.1);
  const stepTimes: number[] = [];
  let values = 0;
  let accuracy = 0;
  let firstLoss = NaN;
  let lastLoss = NaN;
  const started = performance.now();
  for (let k = 0; k < 100; k++) {
    const t0 = performance.now();
    const step = demoLoss(model, X, y);
    model.zeroGrad();
    step.loss.backward();
    const lr = 1.0 - (0.9 * k) / 100;
    for (const p of model.parameters()) p.data -= lr * p.grad;
    stepTimes.push(performance.now() - t0);
    if (k === 0) {
      values = topologicalOrder(step.loss).length;
      firstLoss = step.loss.data;
    }
    lastLoss = step.loss.data;
    accuracy = step.accuracy;
  }
  return { stepTimes, total: performance.now() - started, accuracy, values, firstLoss, lastLoss };
}

/** A chain of n values: x, then n − 2 products with one shared factor c. */
function chain(n: number): { build: number; backward: number } {
  const t0 = performance.now();
  const x = new Value(1.5);
  const c = new Value(1.0000001);
  let v = x;
  for (let i = 0; i < n - 2; i++) v = v.mul(c);
  const t1 = performance.now();
  v.backward();
  const t2 = performance.now();
  if (!(x.grad > 1)) throw new Error('chain gradient is wrong');
  return { build: t1 - t0, backward: t2 - t1 };
}

/** Backward on one demo graph with and without recording, alternating to share warm-up. */
function recordingCost(): { plain: number; recorded: number } {
  seed(1337);
  const model = new MLP(2, [16, 16, 1]);
  const { X, y } = makeMoons(100, 0.1);
  // Room for all 30 calls: recording the same graph again and again is not a
  // training loop, and the cap's dropping would be measured instead of recording.
  const trace = new Trace({ maxRecordedDeltas: 10_000_000 });
  const { loss } = withTrace(trace, () => demoLoss(model, X, y));
  const topo = topologicalOrder(loss);
  const zero = () => {
    for (const v of topo) v.grad = 0;
  };
  const plain: number[] = [];
  const recorded: number[] = [];
  for (let i = 0; i < 30; i++) {
    zero();
    let t0 = performance.now();
    loss.backward();
    plain.push(performance.now() - t0);
    zero();
    t0 = performance.now();
    withTrace(trace, () => loss.backward());
    recorded.push(performance.now() - t0);
  }
  return { plain: median(plain), recorded: median(recorded) };
}

/** What the demo's memory costs: bytes allocated per value in one step, and
 *  the memory held after 10 and after 100 steps (after a full collection).
 *  `used` reads the heap plus array buffers; `collect` runs a full GC. */
export function memoryProfile(used: () => number, collect: () => void): { bytesPerValue: number; heldAfter10: number; heldAfter100: number } {
  seed(1337);
  const model = new MLP(2, [16, 16, 1]);
  const { X, y } = makeMoons(100, 0.1);
  let values = 0;
  let bytesPerValue = NaN;
  let heldAfter10 = NaN;
  for (let k = 0; k < 100; k++) {
    collect();
    const before = used();
    const step = demoLoss(model, X, y);
    model.zeroGrad();
    step.loss.backward();
    const after = used();
    for (const p of model.parameters()) p.data -= (1.0 - (0.9 * k) / 100) * p.grad;
    if (k === 5) {
      values = topologicalOrder(step.loss).length;
      bytesPerValue = (after - before) / values;
    }
    if (k === 9) {
      collect();
      heldAfter10 = used();
    }
  }
  collect();
  return { bytesPerValue, heldAfter10, heldAfter100: used() };
}

/** micrograd's own demo step in CPython, measured by the caller, in ms. */
export interface MicrogradTimes {
  gc: number;
  noGc: number;
}

/** Runs every workload; returns the table rows, header first. */
export function benchRows(micrograd: MicrogradTimes | null = null): string[][] {
  const rows: string[][] = [['workload', 'median', 'target', 'notes']];
  // Warm up the JIT once on the demo, then measure three trainings.
  demoTraining();
  const trainings = [demoTraining(), demoTraining(), demoTraining()];
  const demo = trainings[0];
  const stepMedian = median(trainings.flatMap((t) => t.stepTimes));
  rows.push([
    `(a) micrograd demo step: MLP(2,[16,16,1]), 100 moons, ${demo.values.toLocaleString('en-US')} values`,
    ms(stepMedian),
    '≤ 1 ms',
    micrograd === null ? 'micrograd/CPython 3.11: ~1,400 ms (~110 ms without GC), not measured here' : `${(micrograd.noGc / stepMedian).toFixed(0)}× micrograd without GC`,
  ]);
  rows.push([
    '(a) full 100-step training',
    ms(median(trainings.map((t) => t.total))),
    '',
    `loss ${demo.firstLoss.toFixed(3)} → ${demo.lastLoss.toFixed(3)}, final accuracy ${(demo.accuracy * 100).toFixed(0)}%`,
  ]);
  demoTraining(true);
  const traced = [demoTraining(true), demoTraining(true), demoTraining(true)];
  const tracedMedian = median(traced.flatMap((t) => t.stepTimes));
  rows.push([
    '(a) demo step, traced and recorded (as a run)',
    ms(tracedMedian),
    '≤ 2 ms',
    `${(tracedMedian / stepMedian).toFixed(2)}× untraced`,
  ]);
  rows.push([
    '(a) full 100-step training, traced and recorded',
    ms(median(traced.map((t) => t.total))),
    '< 1,000 ms',
    Math.abs(traced[0].lastLoss - demo.lastLoss) <= 1e-9 * Math.abs(demo.lastLoss)
      ? 'same losses as untraced (to 1e-9)'
      : `LOSS ${traced[0].lastLoss} ≠ UNTRACED ${demo.lastLoss}`,
  ]);

  const chains = Array.from({ length: 5 }, () => chain(1_000_000));
  rows.push([
    '(b) 1,000,000-node chain: build',
    ms(median(chains.map((c) => c.build))),
    '',
    '',
  ]);
  rows.push([
    '(b) 1,000,000-node chain: backward',
    ms(median(chains.map((c) => c.backward))),
    '',
    'no recursion, no stack overflow',
  ]);
  rows.push([
    '(b) 1,000,000-node chain: build + backward',
    ms(median(chains.map((c) => c.build + c.backward))),
    '≤ 100 ms',
    '',
  ]);

  const cost = recordingCost();
  rows.push(['(c) demo backward, plain', ms(cost.plain), '', 'one sweep in reverse creation order']);
  rows.push([
    '(c) demo backward, recorded',
    ms(cost.recorded),
    '',
    `${(cost.recorded / cost.plain).toFixed(2)}× plain: micrograd's sort, and the record`,
  ]);
  return rows;
}
