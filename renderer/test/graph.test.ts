import { describe, expect, it } from 'vitest';
import { buildElements, cellCharsFor, valueText } from '../src/graph/elements.js';
import { opSymbol } from '../../common/ops.js';
import { gradColour, intensity } from '../src/graph/colour.js';
import { palettes } from '../src/graph/style.js';
import { layered } from '../src/graph/layered.js';
import { indexSnapshot, nearestLevels, sinks } from '../src/graph/subgraph.js';
import { full, short } from '../../common/format.js';
import { chain, readme, snap } from './fixtures.js';

describe('numbers', () => {
  it('shows 4 significant digits in the graph and every digit on hover', () => {
    expect(short(138.83381924198252)).toBe('138.8');
    expect(short(-4)).toBe('-4.000');
    expect(short(0)).toBe('0.000');
    expect(short(0.00002)).toBe('2.000e-5');
    expect(short(NaN)).toBe('NaN');
    expect(short(-Infinity)).toBe('-Infinity');
    expect(full(645.5772594752186)).toBe('645.5772594752186');
  });
});

describe('graph elements', () => {
  it("draws draw_dot's shape: a box per value, an op node between inputs and output", () => {
    const s = snap(readme);
    const index = indexSnapshot(s);
    const ids = s.nodes.map((n) => n.id);
    const { elements } = buildElements(index, ids, { data: (i) => s.nodes[i]!.data, grad: (i) => s.nodes[i]!.grad, scale: 1000 }, 7);
    const values = elements.filter((e) => e.data.kind === 'value');
    const ops = elements.filter((e) => e.data.kind === 'op');
    expect(values.length).toBe(s.nodes.length);
    expect(ops.length).toBe(s.nodes.filter((n) => n.op !== null).length);
    const edges = elements.filter((e) => e.group === 'edges');
    expect(edges.length).toBe(ops.length + s.nodes.reduce((k, n) => k + n.inputs.length, 0));
    const a = values.find((e) => e.data.id === `v${s.nodes.find((n) => n.label === 'a')!.id}`)!;
    // The label line, then the data and grad cells with draw_dot's 4 decimals
    // (padded with no-break spaces, the last ones kept from cytoscape's trim by a zero-width space).
    expect(a.data.text).toMatch(/^a\n\u00a0*data -4\.0000\u00a0+grad 138\.8338\u00a0*\u200b$/);
    // Every record of a drawing has the same width, so nothing moves while stepping.
    expect(new Set(values.map((v) => v.data.w)).size).toBe(1);
  });

  it('uses the operator symbols of the issue', () => {
    expect(['add', 'mul', 'div', 'sub', 'relu', 'tanh', 'exp', 'log', 'sigmoid'].map((op) => opSymbol(op as never))).toEqual(['+', '×', '÷', '−', 'relu', 'tanh', 'exp', 'log', 'σ']);
    expect(opSymbol('pow', 3)).toBe('^3');
  });

  it('keeps a box the same width whatever its numbers, so stepping never resizes', () => {
    const cells = cellCharsFor([1, -12345.678], 1);
    expect(valueText('a', 1, 0, cells).text.length).toBe(valueText('a', -12345.678, -0.000012, cells).text.length);
  });

  it('colours grads blue below zero, red above, stronger with |grad|', () => {
    expect(intensity(0, 10)).toBe(0);
    expect(intensity(10, 10)).toBe(1);
    expect(intensity(0.1, 10)).toBeLessThan(intensity(1, 10));
    const [r, , b] = gradColour(-5, 10).match(/\d+/g)!.map(Number);
    expect(b).toBeGreaterThan(r!);
    const [r2, , b2] = gradColour(5, 10).match(/\d+/g)!.map(Number);
    expect(r2).toBeGreaterThan(b2!);
  });
});

describe('drawing limit', () => {
  it('keeps a small graph whole', () => {
    const s = snap(readme);
    const sel = nearestLevels(indexSnapshot(s), [s.backward[0]!.root], 5000);
    expect(sel.ids.length).toBe(s.nodes.length);
    expect(sel.total).toBe(s.nodes.length);
  });

  it('draws only the whole levels nearest the root of a graph over the limit', () => {
    const s = snap(chain(3000));
    const index = indexSnapshot(s);
    const sel = nearestLevels(index, [s.backward[0]!.root], 1000);
    expect(sel.total).toBe(s.nodes.length);
    expect(sel.ids.length).toBeLessThanOrEqual(1000);
    expect(sel.ids.length).toBeGreaterThan(900);
    expect(sel.ids[0]).toBe(s.backward[0]!.root);
    expect(sel.levels).toBeLessThan(sel.totalLevels);
  });

  it('without backward() starts from every sink', () => {
    const s = snap('const a = new Value(1);\nconst b = a.add(2);\nconst c = new Value(3).mul(4);\n');
    const index = indexSnapshot(s);
    expect(nearestLevels(index, sinks(index), 100).ids.length).toBe(s.nodes.length);
  });
});

describe('layered layout', () => {
  it('puts every input left of its consumer and the root rightmost', () => {
    const s = snap(readme);
    const nodes = s.nodes.map((n) => ({ id: String(n.id), w: 100, h: 24 }));
    const edges = s.nodes.flatMap((n) => n.inputs.map((i) => [String(i), String(n.id)] as [string, string]));
    const p = layered({ nodes, edges });
    for (const [from, to] of edges) expect(p[from]![0]).toBeLessThan(p[to]![0]);
    const root = String(s.backward[0]!.root);
    expect(Math.max(...Object.values(p).map(([x]) => x))).toBe(p[root]![0]);
  });

  it('never overlaps two nodes of a layer', () => {
    const s = snap(chain(200).replace('x.backward();', 'const y = x.add(x.mul(x)); y.backward();'));
    const nodes = s.nodes.map((n) => ({ id: String(n.id), w: 80, h: 24 }));
    const edges = s.nodes.flatMap((n) => n.inputs.map((i) => [String(i), String(n.id)] as [string, string]));
    const p = layered({ nodes, edges });
    const byX = new Map<number, number[]>();
    for (const [x, y] of Object.values(p)) byX.set(x, [...(byX.get(x) ?? []), y]);
    for (const ys of byX.values()) {
      ys.sort((a, b) => a - b);
      for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(24);
    }
  });
});

describe('themes', () => {
  // WCAG 2 relative luminance and contrast ratio.
  const luminance = (css: string) => {
    const [r, g, b] = (css.startsWith('#') ? [1, 3, 5].map((i) => parseInt(css.slice(i, i + 2), 16)) : css.match(/\d+/g)!.map(Number)).map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const contrast = (a: string, b: string) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  };

  it('keeps value text at WCAG AA contrast on every grad tint, light and dark, and dark boxes in the dark theme', () => {
    for (const theme of ['light', 'dark'] as const) {
      const p = palettes[theme];
      const dark = theme === 'dark';
      expect(contrast(p.text, p.box), `${theme} box`).toBeGreaterThanOrEqual(4.5);
      expect(contrast(p.text, p.opFill), `${theme} op`).toBeGreaterThanOrEqual(4.5);
      for (const grad of [-1, -0.01, 0, 0.01, 1]) {
        expect(contrast(p.text, gradColour(grad, 1, dark)), `${theme} grad ${grad}`).toBeGreaterThanOrEqual(4.5);
      }
      expect(contrast(p.nonFinite, gradColour(NaN, 1, dark)), `${theme} non-finite`).toBeGreaterThanOrEqual(4.5);
    }
    expect(luminance(palettes.dark.box)).toBeLessThan(0.05);
  });
});
