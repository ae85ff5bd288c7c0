// Real snapshots from the real engine, for the renderer's unit tests.
import { readFileSync } from 'node:fs';
import { run } from '../../engine/runner/run.js';

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
