// The recorded backward() calls the debugger steps through: replaying them
// reproduces the grads exactly, stepping back returns to where the call began,
// and the steps follow a valid reverse topological order.

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { run } from '../runner/run.js';
import type { BackwardCall, Snapshot } from '../../common/snapshot.js';
import { byId, replay, subgraphOf, testRng } from './helpers.js';
import { generate, programText } from './programs.js';

const readme = readFileSync(new URL('../../examples/micrograd-readme.ts', import.meta.url), 'utf8');

const mlpProgram = `import { MLP, Value } from 'gradscope';
const model = new MLP(3, [4, 4, 1]);
const xs = [[2, 3, -1], [3, -1, 0.5], [0.5, 1, 1]];
const ys = [1, -1, -1];
let loss = new Value(0);
for (let i = 0; i < xs.length; i++) {
  const score = model.forward(xs[i]) as Value;
  loss = loss.add(score.sub(ys[i]).pow(2));
}
loss.backward();`;

function runOk(source: string, options = {}): Snapshot {
  const snapshot = run(source, { timeoutMs: 5_000, ...options });
  expect(snapshot.error).toBeNull();
  return snapshot;
}

/** Node ids whose replayed grad differs from the snapshot's final grad. */
function replayMismatches(snapshot: Snapshot, call: BackwardCall): string[] {
  const grads = replay(call);
  const nodes = byId(snapshot.nodes);
  const bad: string[] = [];
  for (const id of subgraphOf(snapshot.nodes, call.root)) {
    const replayed = grads.get(id) ?? 0;
    const final = nodes.get(id)!.grad;
    if (replayed !== final) bad.push(`#${id}: replayed ${replayed}, final ${final}`);
  }
  return bad;
}

/** Violations of: every step's node runs after all its consumers in the call's graph, once each, leaves never. */
function orderViolations(snapshot: Snapshot, call: BackwardCall): string[] {
  const graph = subgraphOf(snapshot.nodes, call.root);
  const nodes = byId(snapshot.nodes);
  const stepOf = new Map<number, number>();
  const bad: string[] = [];
  call.steps.forEach((s, i) => {
    if (stepOf.has(s.node)) bad.push(`#${s.node} stepped twice`);
    stepOf.set(s.node, i);
    if (!graph.has(s.node)) bad.push(`#${s.node} is outside the root's graph`);
    const inputs = nodes.get(s.node)!.inputs;
    if (s.deltas.map((d) => d[0]).join() !== inputs.join()) bad.push(`#${s.node} deltas are not for its inputs in order`);
  });
  for (const id of graph) {
    const node = nodes.get(id)!;
    if (node.op === null && stepOf.has(id)) bad.push(`leaf #${id} was stepped`);
    if (node.op !== null && !stepOf.has(id)) bad.push(`#${id} was never stepped`);
    for (const input of node.inputs) {
      if (node.op !== null && nodes.get(input)!.op !== null && !(stepOf.get(id)! < stepOf.get(input)!)) {
        bad.push(`#${input} was stepped before its consumer #${id}`);
      }
    }
  }
  if (call.steps[0]?.node !== call.root) bad.push('the first step is not the root');
  return bad;
}

/** Nodes whose grad, after replaying the call and then subtracting its deltas
 *  in reverse, is not back at gradsBefore (within rounding of the sums). */
function stepBackMismatches(call: BackwardCall): string[] {
  const grads = replay(call);
  const scale = new Map<number, number>(call.gradsBefore.map(([id, g]) => [id, Math.abs(g)]));
  for (const step of call.steps) for (const [id, d] of step.deltas) scale.set(id, (scale.get(id) ?? 0) + Math.abs(d));
  for (const step of [...call.steps].reverse()) {
    for (const [id, delta] of [...step.deltas].reverse()) grads.set(id, grads.get(id)! - delta);
  }
  const before = new Map(call.gradsBefore);
  const bad: string[] = [];
  for (const [id, grad] of grads) {
    if (id === call.root) continue; // backward() sets the root to 1 rather than adding to it
    const expected = before.get(id) ?? 0;
    if (Math.abs(grad - expected) > 1e-12 * Math.max(1, scale.get(id) ?? 0)) bad.push(`#${id}: ${grad} ≠ ${expected}`);
  }
  return bad;
}

describe('replaying recorded steps', () => {
  const cases: [string, () => Snapshot][] = [
    ["micrograd's README example", () => runOk(readme)],
    ['an MLP with a squared-error loss', () => runOk(mlpProgram)],
  ];

  test.each(cases)('%s: replay from gradsBefore reproduces every final grad exactly', (_name, make) => {
    const snapshot = make();
    expect(snapshot.backward.length).toBe(1);
    const [call] = snapshot.backward;
    expect(call.gradsBefore).toEqual([]);
    expect(replayMismatches(snapshot, call)).toEqual([]);
  });

  test.each(cases)('%s: stepping back through the deltas in reverse returns every grad to 0', (_name, make) => {
    expect(stepBackMismatches(make().backward[0])).toEqual([]);
  });

  test.each(cases)('%s: every node is stepped after all the nodes that consume it', (_name, make) => {
    const snapshot = make();
    expect(orderViolations(snapshot, snapshot.backward[0])).toEqual([]);
  });

  test('on 60 random programs, replay is exact, stepping back returns, and the order is topological', () => {
    const failures: string[] = [];
    for (let p = 0; p < 60; p++) {
      const snapshot = runOk(programText(generate(testRng(5000 + p))));
      const call = snapshot.backward[0];
      failures.push(...replayMismatches(snapshot, call).map((m) => `program ${p}: ${m}`));
      failures.push(...orderViolations(snapshot, call).map((m) => `program ${p}: ${m}`));
      failures.push(...stepBackMismatches(call).map((m) => `program ${p} stepping back: ${m}`));
    }
    expect(failures).toEqual([]);
  });

  test("the README example's record has one step per op and the leaves' data", () => {
    const snapshot = runOk(readme);
    const [call] = snapshot.backward;
    const ops = snapshot.nodes.filter((n) => n.op !== null).length;
    expect(call.steps.length).toBe(ops);
    const leaves = snapshot.nodes.filter((n) => n.op === null);
    expect(new Map(call.leafData)).toEqual(new Map(leaves.map((n) => [n.id, n.data])));
    const a = snapshot.nodes.find((n) => n.label === 'a')!;
    expect(new Map(call.leafData).get(a.id)).toBe(-4);
  });

  test('stepping back through a second call returns to the grads the first one left', () => {
    const source = `import { Value } from 'gradscope';
const x = new Value(0.7);
const y = new Value(-1.3);
const z = x.mul(y).add(x.tanh()).mul(y.exp());
z.backward();
const w = z.mul(x).sub(y.pow(3)).div(x.add(2));
w.backward();`;
    const snapshot = runOk(source);
    expect(snapshot.backward.length).toBe(2);
    const second = snapshot.backward[1];
    // The first call's grads are still there when the second begins.
    expect(second.gradsBefore.length).toBeGreaterThan(0);
    expect(stepBackMismatches(second)).toEqual([]);
  });
});

describe('a training loop', () => {
  const loop = (steps: number, zero: boolean) => `import { Value } from 'gradscope';
const w = new Value(0.5, 'w');
const xs = [1, 2, 3];
for (let step = 0; step < ${steps}; step++) {
  let loss = new Value(0);
  for (const x of xs) loss = loss.add(w.mul(x).sub(2 * x).pow(2));
  ${zero ? 'w.grad = 0;' : ''}
  console.log(w.data, loss.data);
  loss.backward();
  console.log(w.grad);
  w.data -= 0.01 * w.grad;
}`;

  test('records every backward() call, each with its own root', () => {
    const snapshot = runOk(loop(4, true));
    expect(snapshot.backward.length).toBe(4);
    const roots = snapshot.backward.map((c) => c.root);
    expect(new Set(roots).size).toBe(4);
    const w = snapshot.nodes.find((n) => n.label === 'w')!;
    snapshot.backward.forEach((call, i) => {
      const [wData, lossData] = snapshot.console[2 * i].split(' ').map(Number);
      const root = byId(snapshot.nodes).get(call.root)!;
      expect(root.label).toBe('loss');
      expect(root.data).toBe(lossData);
      // The leaf data at the time of the call, before SGD moved w.
      expect(new Map(call.leafData).get(w.id)).toBe(wData);
      // Replaying this call gives the grad w had right after it.
      expect(String(replay(call).get(w.id))).toBe(snapshot.console[2 * i + 1]);
      expect(orderViolations(snapshot, call)).toEqual([]);
    });
    // d/dw Σ (w·x − 2x)² = Σ 2x²(w − 2) at w = 0.5: 2·14·(−1.5) = −42
    expect(Number(snapshot.console[1])).toBeCloseTo(-42, 12);
  });

  test("without zeroing, each call starts from the grads the last one left", () => {
    const snapshot = runOk(loop(3, false));
    const w = snapshot.nodes.find((n) => n.label === 'w')!;
    const [first, second, third] = snapshot.backward;
    expect(new Map(first.gradsBefore).get(w.id)).toBeUndefined();
    expect(new Map(second.gradsBefore).get(w.id)).toBe(Number(snapshot.console[1]));
    expect(String(replay(second).get(w.id))).toBe(snapshot.console[3]);
    expect(String(replay(third).get(w.id))).toBe(snapshot.console[5]);
    expect(w.grad).toBe(Number(snapshot.console[5]));
  });

  test('with a small maxRecordedDeltas the oldest calls are dropped, the newest kept, with a warning', () => {
    // Each call records 3 inputs × (mul, sub, pow, add) = 3·(2+2+1+2) = 21 deltas.
    const all = runOk(loop(10, true));
    expect(all.warnings).toEqual([]);
    const deltas = all.backward[0].steps.reduce((n, s) => n + s.deltas.length, 0);
    expect(deltas).toBe(21);
    const capped = runOk(loop(10, true), { maxRecordedDeltas: 50 });
    expect(capped.backward.length).toBe(2); // 42 ≤ 50 < 63
    expect(capped.backward.map((c) => c.root)).toEqual(all.backward.slice(-2).map((c) => c.root));
    const warning = capped.warnings.find((w) => /backward record cap/.test(w));
    expect(warning).toMatch(/oldest 8 backward\(\) calls were dropped/);
    expect(warning).toMatch(/newest 2 are kept/);
    // The kept calls' graphs are the same either way, and the last still replays exactly.
    const allNodes = byId(all.nodes);
    const cappedNodes = byId(capped.nodes);
    for (const call of capped.backward) {
      for (const id of subgraphOf(capped.nodes, call.root)) expect(cappedNodes.get(id)).toEqual(allNodes.get(id));
    }
    expect(capped.backward[1]).toEqual(all.backward[9]);
    expect(replayMismatches(capped, capped.backward[1])).toEqual([]);
  });

  test('the newest call is kept even when it alone passes the cap', () => {
    const capped = runOk(loop(3, true), { maxRecordedDeltas: 5 });
    expect(capped.backward.length).toBe(1);
    expect(capped.warnings.join('\n')).toMatch(/oldest 2 backward\(\) calls were dropped/);
    expect(replayMismatches(capped, capped.backward[0])).toEqual([]);
  });
});

test('a long training loop stays under max-nodes: values of dropped calls are let go in time', () => {
  // 1,500 steps of ~40 values each: 60,000 values made, never more than 5,000 held.
  const snapshot = run(
    `const w = new Value(0.5);
     for (let k = 0; k < 1500; k++) {
       let loss = new Value(0);
       for (let i = 0; i < 10; i++) loss = loss.add(w.mul(i).sub(1).pow(2));
       w.grad = 0;
       loss.backward();
       w.data -= 0.001 * w.grad;
     }`,
    { maxNodes: 5_000, maxRecordedDeltas: 5_000 },
  );
  expect(snapshot.error).toBeNull();
  expect(snapshot.rootHistory).toHaveLength(1500);
  expect(snapshot.nodes.length).toBeLessThanOrEqual(5_000);
  expect(snapshot.warnings.join(' ')).toMatch(/forgotten/);
});

test('forgetting keeps every value a kept call uses, also one made before the dropped calls in an older segment', () => {
  // Each step (~2,400 values) gets a tape segment of its own; `h`, made once
  // before the loop, is in every step's graph; the cap keeps ~5 calls.
  const snapshot = run(
    `const w = new Value(0.5);
     const h = w.mul(2).tanh();
     h.label = 'h';
     for (let k = 0; k < 60; k++) {
       let loss = new Value(0);
       for (let i = 0; i < 300; i++) loss = loss.add(h.mul(w).mul(i * 0.01).sub(1).pow(2));
       w.grad = 0;
       h.grad = 0;
       loss.backward();
       w.data -= 1e-4 * w.grad;
     }`,
    { timeoutMs: 10_000, maxRecordedDeltas: 20_000 },
  );
  expect(snapshot.error).toBeNull();
  expect(snapshot.warnings.join(' ')).toMatch(/forgotten/);
  expect(snapshot.backward.length).toBeLessThan(10);
  const ids = new Set(snapshot.nodes.map((n) => n.id));
  expect(snapshot.nodes.some((n) => n.label === 'h')).toBe(true);
  for (const call of snapshot.backward) {
    const missing = call.steps.flatMap((s) => [s.node, ...s.deltas.map((d) => d[0])]).filter((id) => !ids.has(id));
    expect(missing).toEqual([]);
  }
  // The final grads are the last call's doing: replaying it reproduces them.
  expect(replayMismatches(snapshot, snapshot.backward.at(-1)!)).toEqual([]);
});
