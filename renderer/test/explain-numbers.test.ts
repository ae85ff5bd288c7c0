// The explanation line tells the truth: for random programs over every op, at
// every recorded step, the numbers it shows compute the delta the engine
// recorded, and the grad it says the input reaches is the grad after the step.
// The grads are replayed here from the snapshot alone (gradsBefore, the root
// set to 1, the recorded deltas in order), not taken from the stepper.

import { describe, expect, it } from 'vitest';
import { run } from '../../engine/runner/run.js';
import { allOps, generate, programText } from '../../engine/test/programs.js';
import { mulberry32 } from '../../engine/random.js';
import { opNames, type Op } from '../../common/ops.js';
import { fixed4 } from '../../common/format.js';
import type { Snapshot } from '../../common/snapshot.js';
import { Stepper } from '../src/stepper/state.js';
import { explainStep, type Lookup } from '../src/stepper/explain.js';
import { indexSnapshot } from '../src/graph/subgraph.js';

/** Full precision, bracketed so that a negative number stays one operand. */
const exact = (x: number) => `(${String(x)})`;

/** The numbers side of a line as JavaScript: × ÷ − ² ^ become * / - **2 **. */
function evaluate(numbers: string): number {
  const js = numbers.replace(/×/g, '*').replace(/÷/g, '/').replace(/−/g, '-').replace(/²/g, '**2').replace(/\^/g, '**');
  return Function(`"use strict"; return (${js});`)() as number;
}

// `x.grad = x.grad + <symbols> = <before> + <numbers> = <after>` (− instead of + for a negative term)
const line = /^(\S+)\.grad = (\S+)\.grad [+−] (.+?) = (\S+) ([+−]) (.+) = (\S+)$/;

function closeTo(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected));
}

function checkProgram(s: Snapshot, seen: Set<Op>): number {
  const call = s.backward[0]!;
  const index = indexSnapshot(s);
  const node = (id: number) => s.nodes[index.indexOf[id]!]!;
  const look: Lookup = { node, data: (id) => node(id).data };
  const stepper = new Stepper(call, s.nodes.length, index.indexOf);
  // The grads as the snapshot says they go: before the call, then the root set to 1.
  const grads = new Map<number, number>(call.gradsBefore);
  grads.set(call.root, 1);
  const grad = (id: number) => grads.get(id) ?? 0;
  let checked = 0;
  for (const recorded of call.steps) {
    stepper.forward();
    const applied = stepper.lastStep()!;
    expect(applied.node).toBe(recorded.node);
    const out = node(recorded.node);
    seen.add(out.op!);
    const outGrad = grad(out.id);
    const full = explainStep(applied, outGrad, look, exact);
    const shown = explainStep(applied, outGrad, look);
    expect(full).toHaveLength(recorded.deltas.length);
    recorded.deltas.forEach(([input, delta], i) => {
      const name = node(input).label ?? `#${input}`;
      const before = grad(input);
      const after = before + delta;
      const parts = line.exec(full[i]!);
      expect(parts, full[i]).not.toBeNull();
      const [, target, again, , shownBefore, sign, numbers, result] = parts!;
      expect(target).toBe(name);
      expect(again).toBe(name);
      // The grad before the step is the replayed one, exactly...
      expect(evaluate(shownBefore!)).toBe(before);
      // ...the numbers compute what the engine added...
      const computed = (sign === '−' ? -1 : 1) * evaluate(numbers!);
      if (!closeTo(computed, delta)) throw new Error(`${out.op}: ${full[i]} computes ${computed}, the engine added ${delta}`);
      // ...and the grad reached is the grad after the step, exactly.
      expect(Number(result!.slice(1, -1))).toBe(after);
      // The line the user sees says the same, to 4 decimals, each sign once.
      expect(shown[i]!.endsWith(` = ${fixed4(after).replace(/^-/, '−')}`)).toBe(true);
      expect(shown[i]).toContain(fixed4(Math.abs(outGrad)));
      expect(shown[i]).not.toMatch(/[−-]\s*[−-]|[−-]-|\+ -/);
      grads.set(input, after);
      checked++;
    });
  }
  expect(stepper.position).toBe(stepper.total);
  return checked;
}

describe('explanation line numbers', () => {
  it('equal the recorded deltas and the grads before and after, for every op of 40 random programs', () => {
    const seen = new Set<Op>();
    let lines = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const source = programText(generate(mulberry32(seed), allOps));
      const s = run(source);
      if (s.error) throw new Error(`seed ${seed}: ${s.error.message}\n${source}`);
      lines += checkProgram(s, seen);
    }
    expect([...seen].sort()).toEqual([...opNames].sort());
    expect(lines).toBeGreaterThan(500);
  }, 60_000);

  it('hold for leakyRelu on both sides of 0 and with its own slope', () => {
    const seen = new Set<Op>();
    const s = run(`const a = new Value(-2, 'a');
const b = new Value(3, 'b');
const c = a.leakyRelu(0.2).add(b.leakyRelu()).add(new Value(0, 'z').leakyRelu(0.3)).mul(b);
c.backward();`);
    if (s.error) throw new Error(s.error.message);
    expect(checkProgram(s, seen)).toBeGreaterThan(0);
    expect(seen.has('leakyRelu')).toBe(true);
  });
});
