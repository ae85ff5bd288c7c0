import { describe, expect, it } from 'vitest';
import { Stepper } from '../src/stepper/state.js';
import { explainStart, explainStep, type Lookup } from '../src/stepper/explain.js';
import { indexSnapshot } from '../src/graph/subgraph.js';
import { snap } from './fixtures.js';

function explainAll(source: string): string[][] {
  const s = snap(source);
  const index = indexSnapshot(s);
  const stepper = new Stepper(s.backward[0]!, s.nodes.length, index.indexOf);
  const look: Lookup = { node: (id) => s.nodes[index.indexOf[id]!]!, data: (id) => s.nodes[index.indexOf[id]!]!.data };
  const out: string[][] = [];
  while (stepper.position < stepper.total) {
    stepper.forward();
    const last = stepper.lastStep()!;
    out.push(explainStep(last, stepper.grad(last.node), look));
  }
  return out;
}

describe('explanation line', () => {
  it('shows a product rule in numbers, as in the issue', () => {
    const [lines] = explainAll('const a = new Value(3.0);\nconst b = new Value(2.0);\nconst out = a.mul(b);\nout.backward();\n');
    expect(lines).toEqual([
      'a.grad += b.data × out.grad = 2.0000 × 1.0000 → a.grad = 2.0000',
      'b.grad += a.data × out.grad = 3.0000 × 1.0000 → b.grad = 3.0000',
    ]);
  });

  it('covers every op with its local derivative', () => {
    const lines = explainAll(`const x = new Value(0.5);
const y = new Value(2);
const s = x.sub(y).add(x.div(y)).add(x.neg()).add(x.pow(3)).add(x.relu()).add(x.tanh()).add(x.exp()).add(x.log()).add(x.sigmoid());
s.backward();`).flat();
    const text = lines.join('\n');
    for (const rule of ['y.grad += −#', 'x.grad += −#', '÷ y.data', '−x.data ÷ y.data² ×', '3 × x.data^2 ×', '.data > 0) ×', '(1 − ', '× (1 − ', '.grad ÷ x.data']) {
      expect(text).toContain(rule);
    }
  });

  it('states the start: backward sets the root grad to 1', () => {
    const s = snap('const a = new Value(1);\nconst b = a.tanh();\nb.backward();\n');
    expect(explainStart(s.nodes[1]!, s.nodes[1]!)).toBe("backward() sets b.grad = 1.0000; next: b's _backward (tanh)");
  });
});
