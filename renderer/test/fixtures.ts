// Real snapshots from the real engine, for the renderer's unit tests.
import { readFileSync } from 'node:fs';
import { run } from '../../engine/runner/run.js';
import type { Snapshot } from '../../common/snapshot.js';
import { indexSnapshot } from '../src/graph/subgraph.js';
import { Stepper } from '../src/stepper/state.js';
import { explainStep, type Lookup } from '../src/stepper/explain.js';

/** micrograd's README example, as examples/ ships it. */
export const readme = readFileSync(new URL('../../examples/micrograd-readme.ts', import.meta.url), 'utf8');

export const neuron = `const x1 = new Value(2.0); const x2 = new Value(0.0);
const w1 = new Value(-3.0); const w2 = new Value(1.0);
const b = new Value(6.8813735870195432);
const n = x1.mul(w1).add(x2.mul(w2)).add(b);
const o = n.tanh();
o.backward();
`;

/** A chain of `length` values: x → x·k+1 → …, deep and narrow. */
export function chain(length: number): string {
  return `let x = new Value(0.5);\nfor (let i = 0; i < ${length}; i++) x = x.mul(1.01).add(0.001);\nx.backward();\n`;
}

export const snap = (source: string) => {
  const s = run(source);
  if (s.error) throw new Error(s.error.message);
  return s;
};

/** The explanation lines after each step of the snapshot's first call, as the stepper shows
 *  them; `name` gives the names to use (the graph's `c₂`), else labels. */
export function explainSteps(s: Snapshot, name?: (id: number) => string): string[][] {
  const index = indexSnapshot(s);
  const stepper = new Stepper(s.backward[0]!, s.nodes.length, index.indexOf);
  const look: Lookup = { node: (id) => s.nodes[index.indexOf[id]!]!, data: (id) => s.nodes[index.indexOf[id]!]!.data };
  if (name) look.name = name;
  const out: string[][] = [];
  while (stepper.position < stepper.total) {
    stepper.forward();
    const last = stepper.lastStep()!;
    out.push(explainStep(last, stepper.grad(last.node), look));
  }
  return out;
}
