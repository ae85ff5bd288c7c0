// debug() of the program's own Value class as the app shows it: the flagged
// node is marked in the graph's elements, the explanation line of its step
// says the finding, and an op the table does not know is drawn and explained
// as the class spells it. Real snapshots from the real runner.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from '../../engine/runner/run.js';
import { buildElements } from '../src/graph/elements.js';
import { indexSnapshot } from '../src/graph/subgraph.js';
import { explainStart } from '../src/stepper/explain.js';
import { validateSnapshot } from '../src/validate-snapshot.js';
import type { Snapshot } from '../../common/snapshot.js';
import { explainSteps } from './fixtures.js';

const example = readFileSync(new URL('../../examples/own-value-class.ts', import.meta.url), 'utf8');

function snapOf(source: string): Snapshot {
  const s = run(source);
  expect(s.error).toBeNull();
  expect(validateSnapshot(JSON.parse(JSON.stringify(s)))).toEqual({ snapshot: expect.anything() });
  return s;
}


describe('your own Value class in the app', () => {
  it("marks the value whose _backward is wrong, and its op, with ⚠ and the 'flagged' class", () => {
    const s = snapOf(example);
    const index = indexSnapshot(s);
    const ids = s.nodes.map((n) => n.id);
    const { elements } = buildElements(index, ids, { data: (i) => s.nodes[i]!.data, grad: (i) => s.nodes[i]!.grad, scale: 30 }, 7);
    const flagged = elements.filter((e) => String(e.classes ?? '').split(' ').includes('flagged'));
    const sId = s.nodes.find((n) => n.label === 's')!.id;
    expect(flagged.map((e) => e.data.id)).toEqual([`v${sId}`, `o${sId}`]);
    expect(flagged[0]!.data.text).toMatch(/^⚠ s\n/);
    expect(elements.filter((e) => e.data.kind === 'value' && (e.data.text as string).includes('⚠'))).toHaveLength(1);
  });

  it('the explanation line of the flagged step shows what the class added, and the finding', () => {
    const s = snapOf(example);
    const lines = explainSteps(s);
    // Step 1 (L = s * x) agrees with the chain rule and is explained by it.
    expect(lines[0]).toEqual([
      's.grad = s.grad + x.data × L.grad = 0.0000 + (−6.0000) × 1.0000 = −6.0000',
      'x.grad = x.grad + s.data × L.grad = 0.0000 + 4.0000 × 1.0000 = 4.0000',
    ]);
    // Step 2 (s = x + c) overwrote x.grad.
    expect(lines[1]).toEqual([
      "x.grad = 4.0000 + (−10.0000) = −6.0000 (added by s's own _backward)",
      "c.grad = 0.0000 + (−6.0000) = −6.0000 (added by s's own _backward)",
      `⚠ ${s.diagnostics![0]!.message}`,
    ]);
    expect(lines[1]![2]).toContain('the chain rule gives s.grad = -6.0000 — it set x.grad instead of adding to it');
  });

  it("an op the table does not know: drawn with the class's symbol, explained as what it added", () => {
    const s = snapOf(`class V {
  grad = 0;
  _backward = () => {};
  constructor(public data: number, public _prev: V[] = [], public _op = '') {}
}
const x = new V(3);
const y = new V(2 * x.data, [x], 'double');
y._backward = () => { x.grad += 2 * y.grad; };
debug(y);
`);
    const index = indexSnapshot(s);
    const { elements } = buildElements(index, [0, 1], { data: (i) => s.nodes[i]!.data, grad: (i) => s.nodes[i]!.grad, scale: 2 }, 7);
    expect(elements.find((e) => e.data.kind === 'op')!.data.text).toBe('double');
    expect(explainSteps(s)).toEqual([[
      "x.grad = 0.0000 + 2.0000 = 2.0000 (added by y's own _backward)",
      "`double` is not in Gradscope's op table: not checked",
    ]]);
    expect(explainStart(s.nodes[1]!, s.nodes[1]!)).toBe("backward() sets y.grad = 1.0000; next: y's _backward (double)");
  });
});
