import { describe, expect, it } from 'vitest';
import { explainStart } from '../src/stepper/explain.js';
import { explainSteps, snap } from './fixtures.js';
import { DisplayNames } from '../src/names.js';

function explainAll(source: string, named = false): string[][] {
  const s = snap(source);
  const names = new DisplayNames(s.nodes);
  const byId = new Map(s.nodes.map((n) => [n.id, n]));
  return explainSteps(s, named ? (id) => names.name(byId.get(id)!) : undefined);
}

describe('explanation line', () => {
  it('shows a product rule in numbers, as in the issue', () => {
    const [lines] = explainAll('const a = new Value(3.0);\nconst b = new Value(2.0);\nconst out = a.mul(b);\nout.backward();\n');
    expect(lines).toEqual([
      'a.grad = a.grad + b.data × out.grad = 0.0000 + 2.0000 × 1.0000 = 2.0000',
      'b.grad = b.grad + a.data × out.grad = 0.0000 + 3.0000 × 1.0000 = 3.0000',
    ]);
  });

  it('covers every op with its local derivative', () => {
    const lines = explainAll(`const x = new Value(0.5);
const y = new Value(2);
const s = x.sub(y).add(x.div(y)).add(x.neg()).add(x.pow(3)).add(x.relu()).add(x.tanh()).add(x.exp()).add(x.log()).add(x.sigmoid());
s.backward();`).flat();
    const text = lines.join('\n');
    for (const rule of ['y.grad − #', 'x.grad − #', '÷ y.data', 'x.data ÷ y.data² ×', '3 × x.data^2 ×', '.data > 0) ×', '(1 − ', '× (1 − ', '.grad ÷ x.data']) {
      expect(text).toContain(rule);
    }
  });

  it('states the start: backward sets the root grad to 1', () => {
    const s = snap('const a = new Value(1);\nconst b = a.tanh();\nb.backward();\n');
    expect(explainStart(s.nodes[1]!, s.nodes[1]!)).toBe("backward() sets b.grad = 1.0000; next: b's _backward (tanh)");
  });

  it('names a reused label c, c₂, c₃ in creation order, so a step never reads c.grad += c.grad', () => {
    const lines = explainAll(`const a = new Value(2);
let c = a.mul(3);
c = c.add(1);
c = c.mul(c);
c.backward();`, true).flat();
    expect(lines[0]).toBe('c₂.grad = c₂.grad + c₂.data × c₃.grad = 0.0000 + 7.0000 × 1.0000 = 7.0000');
    expect(lines[1]).toBe('c₂.grad = c₂.grad + c₂.data × c₃.grad = 7.0000 + 7.0000 × 1.0000 = 14.0000');
    expect(lines[2]).toBe('c.grad = c.grad + c₂.grad = 0.0000 + 14.0000 = 14.0000');
  });

  it('prints each sign once, and a negative grad before the step in brackets', () => {
    const lines = explainAll(`const a = new Value(5);
const b = new Value(-6.9417);
const d = a.sub(b);
const e = d.mul(b);
e.backward();`).flat();
    // e = d × b: d.grad += b.data × e.grad; b gets d.data × e.grad and then, through d, −d.grad.
    expect(lines).toContain('d.grad = d.grad + b.data × e.grad = 0.0000 + (−6.9417) × 1.0000 = −6.9417');
    expect(lines).toContain('b.grad = b.grad − d.grad = 11.9417 − (−6.9417) = 18.8834');
    for (const l of lines) expect(l).not.toMatch(/[−-]\s*[−-]|\+ [−-]/);
  });
});
