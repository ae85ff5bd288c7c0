// The legend's corner: the first one free of drawn boxes, its own first.

import { expect, test } from 'vitest';
import { cornerRect, freeCorner } from '../src/graph/legend.js';

const pane = { width: 800, height: 600 };
const size = { width: 300, height: 24 };
const packed = (...boxes: [number, number, number, number][]) => Float64Array.from(boxes.flat());
const identity = { zoom: 1, pan: { x: 0, y: 0 } };

test('corner rectangles sit 8 px from the pane edges', () => {
  expect(cornerRect('bottom-right', size, pane)).toEqual({ x1: 492, y1: 568, x2: 792, y2: 592 });
  expect(cornerRect('top-left', size, pane)).toEqual({ x1: 8, y1: 8, x2: 308, y2: 32 });
});

test('stays in its corner while that is free', () => {
  const boxes = packed([0, 0, 100, 40]);
  expect(freeCorner('bottom-right', size, pane, identity, boxes)).toBe('bottom-right');
  expect(freeCorner('bottom-left', size, pane, identity, boxes)).toBe('bottom-left');
});

test('leaves a corner a value is drawn in, for the next free one', () => {
  // A box in the bottom right corner and one in the top right.
  const boxes = packed([600, 560, 780, 600], [700, 0, 800, 20]);
  expect(freeCorner('bottom-right', size, pane, identity, boxes)).toBe('top-left');
});

test('boxes are in model space: the viewport maps them to the pane', () => {
  // At zoom 2, panned by (-400, -300), model (500, 440)–(590, 450) is pane (600, 580)–(780, 600).
  const v = { zoom: 2, pan: { x: -400, y: -300 } };
  expect(freeCorner('bottom-right', size, pane, v, packed([500, 440, 590, 450]))).toBe('top-right');
  expect(freeCorner('bottom-right', size, pane, identity, packed([500, 440, 590, 450]))).toBe('bottom-right');
});

test('a taken rectangle (the overview) counts as covered; nothing free: stays', () => {
  const overview = { x1: 8, y1: 496, x2: 158, y2: 592 };
  const everywhere = packed([0, 0, 800, 600]);
  expect(freeCorner('top-left', size, pane, identity, everywhere, [overview])).toBe('top-left');
  const topsTaken = packed([0, 0, 800, 40], [600, 560, 800, 600]);
  expect(freeCorner('bottom-right', size, pane, identity, topsTaken, [overview])).toBe('bottom-right');
  expect(freeCorner('bottom-right', size, pane, identity, topsTaken, [])).toBe('bottom-left');
});
