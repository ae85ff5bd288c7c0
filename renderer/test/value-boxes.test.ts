// What a value box's text is made of: the row layout survives cytoscape's
// trimming of a label, and the label row names every value as the explanation
// line and the tooltip do (names.ts), so a `#10` in the line can be found.

import { describe, expect, it } from 'vitest';
import { buildElements, labelCell, valueId, valueText } from '../src/graph/elements.js';
import { indexSnapshot } from '../src/graph/subgraph.js';
import { DisplayNames } from '../src/names.js';
import { findByLabel } from '../src/search.js';
import { explainSteps, readme, snap } from './fixtures.js';

/** The box texts of a drawing of the whole snapshot, by value id, as cytoscape gets them. */
function boxTexts(source: string) {
  const s = snap(source);
  const names = new DisplayNames(s.nodes);
  const { elements } = buildElements(indexSnapshot(s), s.nodes.map((n) => n.id), { data: (i) => s.nodes[i]!.data, grad: (i) => s.nodes[i]!.grad, scale: 1 }, 8, false, names);
  const text = new Map(s.nodes.map((n) => [n.id, String(elements.find((e) => e.data.id === valueId(n.id))!.data.text)]));
  return { s, names, text };
}

describe('value box text', () => {
  // Cytoscape's style parser trims a label (String.prototype.trim, which also
  // removes no-break spaces): what it keeps is what is drawn.
  it('keeps two lines, the numbers in the second, when the label row is empty', () => {
    const { text } = valueText('', 0.2041, 1, 12);
    const drawn = text.trim();
    expect(drawn).toBe(text);
    const lines = drawn.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]!.replace(/\u200b/g, '')).toBe('');
    expect(lines[1]).toMatch(/data 0\.2041\u00a0+grad 1\.0000/);
  });

  it('keeps the padding after the grad cell, so the row is centred like every other box', () => {
    const { text } = valueText('a', 2, 1, 14);
    const row = text.trim().split('\n')[1]!.replace(/\u200b/g, '');
    expect(row).toHaveLength(2 * 14 + 1);
  });

  it("names every box of micrograd's README program as the names module does: labels, c₂, and #id for unlabelled values", () => {
    const { s, names, text } = boxTexts(readme);
    const unlabelled = s.nodes.filter((n) => n.label === null);
    expect(unlabelled.length).toBeGreaterThan(10);
    for (const n of s.nodes) expect(text.get(n.id)!.split('\n')[0], `box of #${n.id}`).toBe(names.name(n));
    for (const n of unlabelled) expect(text.get(n.id)!.split('\n')[0]).toBe(`#${n.id}`);
    expect(labelCell(unlabelled[0]!)).toBe(`#${unlabelled[0]!.id}`);
  });

  it('every value the explanation line names is a box that shows that name', () => {
    const { s, names, text } = boxTexts(readme);
    const byId = new Map(s.nodes.map((n) => [n.id, n]));
    const lines = explainSteps(s, (id) => names.name(byId.get(id)!)).flat();
    const shown = new Set([...text.values()].map((t) => t.split('\n')[0]));
    const named = new Set(lines.flatMap((line) => [...line.matchAll(/([^\s()=+×÷−]+)\.(?:grad|data)/g)].map((m) => m[1]!)));
    expect(named.size).toBeGreaterThan(10);
    for (const name of named) expect(shown.has(name), `${name} from the explanation line is drawn`).toBe(true);
    expect([...named].some((name) => name.startsWith('#'))).toBe(true);
  });
});

describe('finding a value by the name its box shows', () => {
  it('`#id` finds that unlabelled value, first', () => {
    const s = snap(readme);
    const unlabelled = s.nodes.filter((n) => n.label === null);
    for (const n of unlabelled.slice(0, 5)) expect(findByLabel(s.nodes, `#${n.id}`)[0]).toBe(n.id);
    expect(findByLabel(s.nodes, 'c')[0]).toBe(s.nodes.find((n) => n.label === 'c')!.id);
  });
});
