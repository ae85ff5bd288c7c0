import { describe, expect, it } from 'vitest';
import { followPan, followView, openingViewport, visibleArea, wholeBoxes } from '../src/graph/camera.js';
import { chooseDirection, estimateExtent } from '../src/graph/layered.js';

const pane = { width: 800, height: 600 };
const box = (x: number, y: number, w = 200, h = 40) => ({ x1: x, y1: y, x2: x + w, y2: y + h });
const inside = (b: { x1: number; y1: number; x2: number; y2: number }, a: typeof b) => b.x1 >= a.x1 && b.y1 >= a.y1 && b.x2 <= a.x2 && b.y2 <= a.y2;

describe('opening view', () => {
  it('shows a graph whole and centred when its text reads at that size, never enlarged past the cap', () => {
    const bounds = box(0, 0, 400, 200);
    const v = openingViewport(bounds, box(200, 80), pane, 11 / 13, 1, 'LR');
    expect(v.zoom).toBe(1);
    expect(inside(bounds, visibleArea(v, pane))).toBe(true);
  });

  it('opens a graph too large to read whole at the readable zoom, with the root in view at the output end', () => {
    const bounds = box(0, 0, 5000, 3000);
    const root = box(4800, 1500);
    const v = openingViewport(bounds, root, pane, 11 / 13, 1, 'LR');
    expect(v.zoom).toBeCloseTo(11 / 13);
    const area = visibleArea(v, pane);
    expect(inside(root, area)).toBe(true);
    expect(area.x2).toBeLessThan(5000 + 100); // not centred on the middle of the box
  });
});

describe('opening view: whole boxes', () => {
  type B = ReturnType<typeof box>;
  /** Boxes partly in `area`, partly out of it: what the pane's edge cuts. */
  const cut = (boxes: B[], area: B) => boxes.filter((b) => b.x2 > area.x1 && b.x1 < area.x2 && b.y2 > area.y1 && b.y1 < area.y2 && !inside(b, area));
  // A layered drawing, left to right: columns of 200 × 40 records 68 apart, 14 between rows;
  // column k (k = 0 the root's) holds 2^k records centred on the root's row.
  const columns = (n: number) => Array.from({ length: n }, (_, k) => Array.from({ length: 2 ** k }, (_, r) => box(4000 - k * 268, 1500 + (r - (2 ** k - 1) / 2) * 54))).flat();
  const readable = 11 / 13;

  it('moves the inputs-side edge to the gap between two layers and zooms (no further than the cap) to fill the pane', () => {
    const boxes = columns(6);
    const root = boxes[0]!;
    const bounds = boxes.reduce((u, b) => ({ x1: Math.min(u.x1, b.x1), y1: Math.min(u.y1, b.y1), x2: Math.max(u.x2, b.x2), y2: Math.max(u.y2, b.y2) }));
    const opening = openingViewport(bounds, root, pane, readable, 1, 'LR');
    expect(cut(boxes, visibleArea(opening, pane)).length, 'the plain opening view cuts boxes').toBeGreaterThan(0);
    const v = wholeBoxes(opening, boxes, root, pane, 1, 'LR');
    const area = visibleArea(v, pane);
    expect(cut(boxes, area)).toEqual([]);
    expect(inside(root, area)).toBe(true);
    expect(v.zoom).toBeGreaterThanOrEqual(readable);
    expect(v.zoom).toBeLessThanOrEqual(1);
    // Three whole layers (804 px at zoom 1 does not fit 800 px): the view shows as many as fit.
    expect(boxes.filter((b) => inside(b, area)).length).toBeGreaterThanOrEqual(1 + 2 + 4);
  });

  it('moves the view across the flow the least that puts its top and bottom edges between boxes', () => {
    // The root's column and one of 12 records: at zoom 1 the pane (600 px) holds 11 rows of 54, not 12.
    const root = box(1000, 0);
    const stack = Array.from({ length: 12 }, (_, r) => box(732, (r - 5.5) * 54));
    const boxes = [root, ...stack];
    const v0 = { zoom: 1, pan: { x: 800 - 24 - 1200, y: 300 - 20 } };
    expect(cut(boxes, visibleArea(v0, pane)).length).toBeGreaterThan(0);
    const v = wholeBoxes(v0, boxes, root, pane, 1, 'LR');
    const area = visibleArea(v, pane);
    expect(cut(boxes, area)).toEqual([]);
    expect(inside(root, area)).toBe(true);
    expect(stack.filter((b) => inside(b, area)).length).toBeGreaterThanOrEqual(10);
  });

  it('leaves a view that cuts nothing as it is', () => {
    const boxes = [box(0, 0), box(300, 0)];
    const v0 = { zoom: 1, pan: { x: 100, y: 200 } };
    expect(wholeBoxes(v0, boxes, boxes[1]!, pane, 1, 'LR')).toBe(v0);
  });

  it('works top to bottom the same way, the root at the bottom', () => {
    const flip = (b: B): B => ({ x1: b.y1, y1: b.x1, x2: b.y2, y2: b.x2 });
    const boxes = columns(6).map(flip);
    const root = boxes[0]!;
    const bounds = boxes.reduce((u, b) => ({ x1: Math.min(u.x1, b.x1), y1: Math.min(u.y1, b.y1), x2: Math.max(u.x2, b.x2), y2: Math.max(u.y2, b.y2) }));
    const opening = openingViewport(bounds, root, pane, readable, 1, 'TB');
    expect(cut(boxes, visibleArea(opening, pane)).length).toBeGreaterThan(0);
    const v = wholeBoxes(opening, boxes, root, pane, 1, 'TB');
    const area = visibleArea(v, pane);
    expect(cut(boxes, area)).toEqual([]);
    expect(inside(root, area)).toBe(true);
    expect(v.zoom).toBeGreaterThanOrEqual(readable);
  });
});

describe('following the step', () => {
  const v = { zoom: 1, pan: { x: 0, y: 0 } };

  it('does not move when the current node and its inputs are in view', () => {
    expect(followPan(box(100, 100), [box(400, 200)], v, pane, false)).toBeNull();
  });

  it('pans, without zooming, just enough to bring them in', () => {
    const pan = followPan(box(900, 100), [box(600, 100)], v, pane, false)!;
    const area = visibleArea({ zoom: 1, pan }, pane);
    expect(inside(box(900, 100), area)).toBe(true);
    expect(inside(box(600, 100), area)).toBe(true);
  });

  it('leaves a hand-moved view alone while the current node is in it', () => {
    expect(followPan(box(100, 100), [box(2000, 100)], v, pane, true)).toBeNull();
    expect(followPan(box(2000, 100), [], v, pane, true)).not.toBeNull();
  });
});

describe('following the step: zooming out', () => {
  const v = { zoom: 1, pan: { x: 0, y: 0 } };
  const readable = 11 / 13;
  const legible = 8 / 13;
  const step = (current: ReturnType<typeof box>, inputs: ReturnType<typeof box>[], deltas: ReturnType<typeof box>[] = []) => ({ current, op: [], updated: inputs.slice(0, 1), inputs: inputs.slice(1), deltas });

  it('zooms out as little as needed, to no less than the readable zoom, to show the node, its inputs and the delta labels', () => {
    const s = step(box(500, 100), [box(-100, 100), box(-100, 200)], [box(720, 90, 60, 20)]);
    const w = followView(s, v, pane, false, readable, legible)!;
    expect(w.zoom).toBeLessThan(1);
    expect(w.zoom).toBeGreaterThanOrEqual(readable);
    const area = visibleArea(w, pane);
    for (const b of [s.current, ...s.updated, ...s.inputs, ...s.deltas]) expect(inside(b, area)).toBe(true);
  });

  it('leaves out the other inputs before going below the readable zoom, but keeps the nearest down to the legible zoom', () => {
    const s = step(box(600, 100), [box(-150, 100), box(-1500, 100)]);
    const w = followView(s, v, pane, false, readable, legible)!;
    expect(w.zoom).toBeLessThan(readable);
    expect(w.zoom).toBeGreaterThanOrEqual(legible);
    const area = visibleArea(w, pane);
    expect(inside(s.current, area)).toBe(true);
    expect(inside(s.updated[0]!, area)).toBe(true);
  });

  it('centres the current node alone, at this zoom, when not even its nearest input fits legibly', () => {
    const s = step(box(2000, 100), [box(-2000, 100)]);
    const w = followView(s, v, pane, false, readable, legible)!;
    expect(w.zoom).toBe(1);
    expect(inside(s.current, visibleArea(w, pane))).toBe(true);
  });

  it('never zooms in, and leaves a hand-moved view alone while the current node is in it', () => {
    const out = { zoom: 0.3, pan: { x: 0, y: 0 } };
    expect(followView(step(box(100, 100), [box(500, 100)]), out, pane, false, readable, legible)).toBeNull();
    expect(followView(step(box(100, 100), [box(3000, 100)]), v, pane, true, readable, legible)).toBeNull();
  });
});

describe('direction', () => {
  const node = (id: string, w = 200, h = 40) => ({ id, w, h });
  it('is left to right unless only top to bottom shows the graph whole and readable', () => {
    // A shallow, wide graph: 4 leaves → 2 products → a sum → tanh (the lecture's neuron).
    const nodes = ['x1', 'w1', 'x2', 'w2', 'm1', 'm2', 's', 'o'].map((id) => node(id)).concat(['*1', '*2', '+', 't'].map((id) => node(id, 26, 22)));
    const edges: [string, string][] = [['x1', '*1'], ['w1', '*1'], ['x2', '*2'], ['w2', '*2'], ['*1', 'm1'], ['*2', 'm2'], ['m1', '+'], ['m2', '+'], ['+', 's'], ['s', 't'], ['t', 'o']];
    expect(chooseDirection({ nodes, edges, pane: { width: 2000, height: 700, readableZoom: 0.85 } })).toBe('LR');
    expect(chooseDirection({ nodes, edges, pane: { width: 900, height: 700, readableZoom: 0.85 } })).toBe('TB');
    expect(chooseDirection({ nodes, edges, direction: 'LR', pane: { width: 900, height: 700, readableZoom: 0.85 } })).toBe('LR');
    // Neither fits: left to right, as draw_dot.
    expect(chooseDirection({ nodes, edges, pane: { width: 300, height: 300, readableZoom: 0.85 } })).toBe('LR');
  });

  it('estimates with the gaps of the layout that will run', () => {
    // The lecture's neuron as drawn (10 values 204 × 40, ops 24 × 22) in a
    // 1280×720 window's graph pane: ELK's top-to-bottom drawing (layers 37
    // apart, neighbours 8) fits readably; one with 44 px between layers would not.
    const values = ['x1', 'w1', 'x2', 'w2', 'b', 'm1', 'm2', 's', 'n', 'o'].map((id) => node(id, 204, 40));
    const ops = ['*1', '*2', '+1', '+2', 't'].map((id) => node(id, 24, 22));
    const edges: [string, string][] = [['x1', '*1'], ['w1', '*1'], ['x2', '*2'], ['w2', '*2'], ['*1', 'm1'], ['*2', 'm2'], ['m1', '+1'], ['m2', '+1'], ['+1', 's'], ['s', '+2'], ['b', '+2'], ['+2', 'n'], ['n', 't'], ['t', 'o']];
    const input = { nodes: [...values, ...ops], edges, pane: { width: 771, height: 548, readableZoom: 11 / 13 } };
    const elk = (d: 'LR' | 'TB') => (d === 'LR' ? { layer: 68, row: 14 } : { layer: 37, row: 8 });
    expect(estimateExtent(input, 'TB', elk('TB'))).toEqual({ width: 4 * (204 + 8), height: 5 * 40 + 4 * 22 + 8 * 37 });
    expect(chooseDirection(input, elk)).toBe('TB');
    expect(chooseDirection(input, () => ({ layer: 44, row: 12 }))).toBe('LR');
  });
});
