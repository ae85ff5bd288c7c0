// Reused labels get subscripts in creation order; unique ones stay as they are.

import { expect, test } from 'vitest';
import { DisplayNames } from '../src/names.js';
import type { Snapshot } from '../../common/snapshot.js';
import { buildElements, valueId } from '../src/graph/elements.js';
import { indexSnapshot } from '../src/graph/subgraph.js';
import { snap } from './fixtures.js';

/** Every value's display name, by id. */
const namesById = (s: Snapshot) => {
  const names = new DisplayNames(s.nodes);
  return new Map(s.nodes.map((n) => [n.id, names.name(n)]));
};

test("micrograd's README example: c, c₂, c₃ and g, g₂; unlabelled values are #id", () => {
  const s = snap(`const a = new Value(-4.0);
const b = new Value(2.0);
let c = a.add(b);
c = c.add(c.add(1));
c = c.add(new Value(1).add(c).add(a.neg()));
let g = c.div(2.0);
g = g.add(new Value(10.0).div(c));
g.backward();`);
  const names = namesById(s);
  const named = (label: string) => s.nodes.filter((n) => n.label === label).map((n) => names.get(n.id));
  expect(named('a')).toEqual(['a']);
  expect(named('c')).toEqual(['c', 'c₂', 'c₃']);
  expect(named('g')).toEqual(['g', 'g₂']);
  const unlabelled = s.nodes.filter((n) => n.label === null);
  expect(unlabelled.length).toBeGreaterThan(0);
  for (const n of unlabelled) expect(names.get(n.id)).toBe(`#${n.id}`);
  expect(new Set(names.values()).size).toBe(s.nodes.length); // every value has its own name
});

test('ten or more uses get multi-digit subscripts', () => {
  const s = snap('let x = new Value(0);\nfor (let i = 0; i < 11; i++) x = x.add(1);\nx.backward();');
  const names = namesById(s);
  const xs = s.nodes.filter((n) => n.label === 'x').map((n) => names.get(n.id));
  expect(xs.at(-1)).toBe('x₁₂');
});

test('the graph draws the same names as the explanation line: the second c is c₂', () => {
  const s = snap('let c = new Value(1);\nc = c.add(2);\nc = c.mul(3);\nc.backward();');
  const names = new DisplayNames(s.nodes);
  const index = indexSnapshot(s);
  const { elements } = buildElements(index, s.nodes.map((n) => n.id), { data: (i) => s.nodes[i]!.data, grad: (i) => s.nodes[i]!.grad, scale: 1 }, 8, false, names);
  const labelRows = s.nodes.filter((n) => n.label === 'c').map((n) => String(elements.find((e) => e.data.id === valueId(n.id))!.data.text).split('\n')[0]);
  expect(labelRows).toEqual(['c', 'c₂', 'c₃']);
  expect(s.nodes.filter((n) => n.label === 'c').map((n) => names.name(n))).toEqual(['c', 'c₂', 'c₃']);
});
