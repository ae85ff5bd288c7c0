// Diagnostics in the snapshot: each kind on a program that triggers it and on
// one that does not; positions are computed from the program text here.

import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { run } from '../runner/run.js';
import { formatTable } from '../node/table.js';

function where(source: string, needle: string): { line: number; column: number } {
  const lines = source.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return { line: line + 1, column: lines[line]!.indexOf(needle) + 1 };
}

test('nonfinite-origin names the log(-2) where NaN began, not the values after it', () => {
  const source = `const a = new Value(-2);
const b = new Value(3);
const c = a.mul(b);
const d = a.log();
const e = d.add(c).mul(b);
e.backward();`;
  const s = run(source);
  expect(s.error).toBeNull();
  const origins = s.diagnostics!.filter((d) => d.kind === 'nonfinite-origin');
  expect(origins[0]).toMatchObject({ node: s.nodes.find((n) => n.label === 'd')!.id, ...where(source, 'log()') });
  expect(origins[0]!.message).toMatch(/^d = log\(a = -2\.0000\) is NaN/);
  expect(s.diagnostics!.some((d) => d.kind === 'grad-not-zero')).toBe(false);
  expect(formatTable(s)).toContain(`nonfinite-origin at 4:${where(source, 'log()').column}: d = log(a = -2.0000) is NaN`);
});

test('nonfinite-origin finds the first backward step that made a grad non-finite', () => {
  // Forward is finite (sqrt(0) = 0); its local gradient 0.5 / sqrt(0) is not.
  const source = `const x = new Value(0);
const r = x.pow(0.5);
r.backward();`;
  const s = run(source);
  expect(s.nodes.every((n) => Number.isFinite(n.data))).toBe(true);
  const d = s.diagnostics!.find((k) => k.kind === 'nonfinite-origin');
  expect(d).toMatchObject({ node: s.nodes.find((n) => n.label === 'r')!.id, ...where(source, 'pow(0.5)') });
  expect(d!.message).toMatch(/_backward of r .* made x\.grad Infinity/);
});

test('nonfinite-origin finds a grad that overflowed from two finite deltas', () => {
  // Every number is finite, forward and in each delta: 1e308 + 1e308 is not.
  const source = `const m = new Value(1e-300);
const s = m.add(m);
const r = s.mul(1e308);
r.backward();`;
  const s = run(source);
  expect(s.nodes.every((n) => Number.isFinite(n.data))).toBe(true);
  expect(s.backward[0]!.steps.every((step) => step.deltas.every(([, d]) => Number.isFinite(d)))).toBe(true);
  const d = s.diagnostics!.find((k) => k.kind === 'nonfinite-origin');
  expect(d).toMatchObject({ node: s.nodes.find((n) => n.label === 's')!.id });
  expect(d!.message).toMatch(/_backward of s .* made m\.grad Infinity/);
});

test('grad-not-zero: a second backward() without zeroGrad, named with where; none with zeroing', () => {
  const source = `const w = new Value(2);
const x = new Value(3);
for (let i = 0; i < 3; i++) {
  const loss = w.mul(x);
  loss.backward();
}`;
  const s = run(source);
  const d = s.diagnostics!.filter((k) => k.kind === 'grad-not-zero');
  expect(d).toHaveLength(1);
  expect(d[0]).toMatchObject({ node: s.nodes.find((n) => n.label === 'w')!.id, ...where(source, 'new Value(2)') });
  expect(d[0]!.message).toMatch(/^backward\(\) call 2 on loss started with 2 grads in its graph not zero \(w 3\.0000, x 2\.0000\).*zeroGrad\(\).*so did 1 later call$/);
  const zeroed = run(source.replace('loss.backward();', 'w.grad = 0; x.grad = 0;\n  loss.backward();'));
  expect(zeroed.diagnostics).toEqual([]);
});

test("micrograd's README example has no diagnostics; a ReLU at exactly 0 is only a kink", () => {
  const s = run(`const a = new Value(-4.0);
const b = new Value(2.0);
const g = a.mul(b).add(b.pow(3)).relu();
g.backward();`);
  // a·b + b³ = −8 + 8 = 0: this ReLU sits exactly on its kink, and nothing else is wrong.
  expect(s.diagnostics!.map((d) => d.kind)).toEqual(['kink']);
  expect(run(readFileSync(new URL('./fixtures/micrograd-readme-operators.txt', import.meta.url), 'utf8')).diagnostics).toEqual([]);
});

test('a NaN grad that only follows from a NaN forward value is not a second origin', () => {
  const s = run('const a = new Value(-2);\nconst d = a.log() * 3;\nd.backward();');
  const origins = s.diagnostics!.filter((k) => k.kind === 'nonfinite-origin');
  expect(origins).toHaveLength(1);
  expect(origins[0]!.line).toBe(2);
  expect(origins[0]!.message).toMatch(/log\(a = -2\.0000\) is NaN/);
});

test('kink names a ReLU whose input is within the check h of 0, and only then', () => {
  const source = `const x = new Value(2);
const w = new Value(0);
const z = x.mul(w);
const r = z.relu();
r.backward();`;
  const s = run(source);
  const kinks = s.diagnostics!.filter((d) => d.kind === 'kink');
  expect(kinks).toHaveLength(1);
  expect(kinks[0]).toMatchObject({ node: s.nodes.find((n) => n.label === 'r')!.id, ...where(source, 'relu()') });
  expect(kinks[0]!.message).toMatch(/^r = relu\(z\) has input 0\.0000, within h = 0\.0001 of its kink at 0/);
  // Away from 0, or never stepped by a backward call: no kink.
  expect(run(source.replace('new Value(0)', 'new Value(0.01)')).diagnostics!.some((d) => d.kind === 'kink')).toBe(false);
  expect(run(source.replace('r.backward();', '')).diagnostics!.some((d) => d.kind === 'kink')).toBe(false);
});
