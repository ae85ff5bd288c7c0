// Real snapshots from the real engine, for the renderer's unit tests.
import { run } from '../../engine/runner/run.js';

export const readme = `const a = new Value(-4.0);
const b = new Value(2.0);
let c = a.add(b);
let d = a.mul(b).add(b.pow(3));
c = c.add(c.add(1));
c = c.add(new Value(1).add(c).add(a.neg()));
d = d.add(d.mul(2).add(b.add(a).relu()));
d = d.add(new Value(3).mul(d).add(b.sub(a).relu()));
const e = c.sub(d);
const f = e.pow(2);
let g = f.div(2.0);
g = g.add(new Value(10.0).div(f));
g.backward();
`;

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
