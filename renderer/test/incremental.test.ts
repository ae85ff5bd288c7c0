// Expand and collapse in place (graph/incremental.ts) on drawings made by the
// fast layered layout: what was placed keeps its place (the root's side
// exactly, the inputs' side moved back as one piece), nothing overlaps, and
// collapse after expand gives back the drawing as it was.
import { describe, expect, it } from 'vitest';
import { anyOverlap, collapseInPlace, expandInPlace, inFrame, type Placement } from '../src/graph/incremental.js';
import { layered, layeredIn, type LayoutNode } from '../src/graph/layered.js';

const box = (id: string, w = 80, h = 40): LayoutNode => ({ id, w, h });

/** x1, x2 → G → c → root, and s (in G's layer) → c: G a collapsed group of 100 × 60. */
const outer = { nodes: [box('x1'), box('x2'), box('G', 100, 60), box('s'), box('c'), box('root')], edges: [['x1', 'G'], ['x2', 'G'], ['G', 'c'], ['s', 'c'], ['c', 'root']] as [string, string][] };
/** G's content: a1, a2 → m → out (two layers deep, two rows tall, wider and taller than G's box). */
const content = { nodes: [box('a1'), box('a2'), box('m'), box('out')], edges: [['a1', 'm'], ['a2', 'm'], ['m', 'out']] as [string, string][] };

const placementOf = (positions: Record<string, [number, number]>, nodes: LayoutNode[]): Placement =>
  new Map(nodes.map((n) => [n.id, { x: positions[n.id]![0], y: positions[n.id]![1], w: n.w, h: n.h }]));

describe('expand in place', () => {
  const before = placementOf(layered(outer), outer.nodes);
  const block = placementOf(layered(content), content.nodes);
  const after = expandInPlace(before, 'G', block, 'out')!;

  it('keeps the root side where it was and the group output on the group row, at its right edge', () => {
    expect(after.get('root')).toEqual(before.get('root'));
    expect(after.get('c')).toEqual(before.get('c'));
    const g = before.get('G')!;
    const out = after.get('out')!;
    expect(out.y).toBe(g.y);
    expect(out.x + out.w / 2).toBe(g.x + g.w / 2);
    expect(after.has('G')).toBe(false);
  });

  it('moves the inputs side back as one piece, by the width the content needs beyond the box', () => {
    const shift = (id: string) => [after.get(id)!.x - before.get(id)!.x, after.get(id)!.y - before.get(id)!.y];
    const xs = [...block.values()].flatMap((p) => [p.x - p.w / 2, p.x + p.w / 2]);
    const width = Math.max(...xs) - Math.min(...xs);
    expect(shift('x1')).toEqual([-(width - 100), 0]);
    expect(shift('x2')).toEqual(shift('x1'));
  });

  it("moves the group's layer apart (its other node keeps its column) and overlaps nothing", () => {
    expect(after.get('s')!.x).toBe(before.get('s')!.x);
    expect(anyOverlap(before, before.keys())).toBe(false);
    expect(anyOverlap(after, after.keys())).toBe(false);
  });

  it('collapse after expand gives the drawing back', () => {
    const again = collapseInPlace(after, content.nodes.map((n) => n.id), 'G', 100, 60, 'out')!;
    expect([...again.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [id, p] of before) {
      expect(again.get(id)!.x, id).toBeCloseTo(p.x, 9);
      expect(again.get(id)!.y, id).toBeCloseTo(p.y, 9);
    }
  });

  it('top to bottom: the same in swapped coordinates', () => {
    const tb = placementOf(layeredIn(outer, 'TB'), outer.nodes);
    const tbBlock = placementOf(layeredIn(content, 'TB'), content.nodes);
    const opened = inFrame(expandInPlace(inFrame(tb, 'TB'), 'G', inFrame(tbBlock, 'TB'), 'out')!, 'TB');
    expect(opened.get('root')).toEqual(tb.get('root'));
    expect(opened.get('out')!.x).toBe(tb.get('G')!.x);
    expect(anyOverlap(opened, opened.keys())).toBe(false);
  });
});

describe('collapse in place', () => {
  it('of content laid out among other nodes: the group takes its output place, nothing else moves', () => {
    // A whole layout where G's content sits between x and the root, with s beside it.
    const whole = { nodes: [box('x'), box('s'), ...content.nodes, box('root')], edges: [['x', 'a1'], ['x', 'a2'], ...content.edges, ['out', 'root'], ['s', 'root']] as [string, string][] };
    const before = placementOf(layered(whole), whole.nodes);
    const interleaved = new Map(before).set('s', { ...before.get('s')!, x: before.get('m')!.x, y: before.get('m')!.y + 50 });
    const after = collapseInPlace(interleaved, content.nodes.map((n) => n.id), 'G', 60, 40, 'out')!;
    expect(after.get('G')!.x).toBe(before.get('out')!.x);
    expect(after.get('G')!.y).toBe(before.get('out')!.y);
    for (const id of ['x', 's', 'root']) expect(after.get(id)).toEqual(interleaved.get(id));
  });

  it('finds overlapping boxes, and none among boxes that only touch', () => {
    const p: Placement = new Map([['a', { x: 0, y: 0, w: 10, h: 10 }], ['b', { x: 10, y: 0, w: 10, h: 10 }]]);
    expect(anyOverlap(p, p.keys())).toBe(false);
    p.set('c', { x: 5, y: 5, w: 10, h: 10 });
    expect(anyOverlap(p, p.keys())).toBe(true);
  });
});
