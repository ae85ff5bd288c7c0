// Find by label: exact, then prefix, then substring; module paths count too.

import { expect, test } from 'vitest';
import { findByLabel } from '../src/search.js';

const v = (id: number, label: string | null, module: string | null = null) => ({ id, label, module });

test('an exact label comes before a prefix, which comes before a substring', () => {
  // The lecture's neuron, in creation order: `w1` must not select `x1w1x2w2`.
  const values = [v(0, 'x1'), v(1, 'x1w1x2w2'), v(2, 'w1x'), v(3, 'w1'), v(4, 'W1'), v(5, null), v(6, 'n')];
  expect(findByLabel(values, 'w1')).toEqual([3, 4, 2, 1]);
  expect(findByLabel(values, ' x1 ')).toEqual([0, 1]);
  expect(findByLabel(values, '')).toEqual([]);
  expect(findByLabel(values, 'zzz')).toEqual([]);
});

test('module paths are searchable, whole or in part', () => {
  const values = [
    v(10, 'b', 'layer0.neuron0.b'),
    v(11, 'w0', 'layer1.neuron3.w0'),
    v(12, 'w0', 'layer1.neuron30.w0'),
    v(13, 'out', null),
  ];
  expect(findByLabel(values, 'layer1.neuron3.w0')).toEqual([11]);
  expect(findByLabel(values, 'layer1.neuron3')).toEqual([11, 12]);
  expect(findByLabel(values, 'neuron3.')).toEqual([11]);
  expect(findByLabel(values, 'w0')).toEqual([11, 12]);
});
