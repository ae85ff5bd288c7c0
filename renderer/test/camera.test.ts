import { describe, expect, it } from 'vitest';
import { followPan, openingViewport, visibleArea } from '../src/graph/camera.js';
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
