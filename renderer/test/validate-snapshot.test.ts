// The page checks a run's result before using it: a program can change the
// values it makes, and so the snapshot the worker sends.
import { describe, expect, it } from 'vitest';
import { maxNodeId, validateSnapshot } from '../src/validate-snapshot.js';
import { neuron, readme, snap } from './fixtures.js';

const problem = (source: string) => {
  const checked = validateSnapshot(snap(source));
  return 'problem' in checked ? checked.problem : null;
};

describe('validateSnapshot', () => {
  it('accepts what the engine makes of real programs', () => {
    for (const source of [readme, neuron, 'const a = new Value(NaN);\nconst b = a.log();\n', "plot.line('x', 1);\n"]) {
      expect(problem(source), source).toBeNull();
    }
  });

  it('refuses an id a program set past the bound (the page would allocate an array that large)', () => {
    expect(problem('const a = new Value(1);\na.id = 2 ** 31 - 2;\n')).toBe(`value 0 has id 2147483646: ids are whole numbers from 0 to ${maxNodeId}`);
    expect(problem('const a = new Value(1);\nconst b = new Value(2);\nb.id = 0;\n')).toBe('value 1 has id 0, not after the one before (0)');
    expect(problem("const a = new Value(1);\na.id = 'x';\n")).toMatch(/^value 0 has id x/);
  });

  it('refuses labels, data and grads of the wrong type, naming the value', () => {
    expect(problem('const a = new Value(1);\na.label = { html: 1 };\n')).toBe('value #0 has a label that is not text');
    expect(problem("const a = new Value(1);\na.data = 'big';\n")).toBe('value #0 has data that is not a number');
    expect(problem('const a = new Value(1);\nconst b = a.mul(2);\nb.backward();\na.grad = null;\n')).toBe('value #0 has a grad that is not a number');
  });

  it('refuses what is not a snapshot at all', () => {
    expect(validateSnapshot(null)).toEqual({ problem: 'the result is not an object' });
    expect(validateSnapshot({ format: 'other' })).toEqual({ problem: 'the result is not gradscope.graph/1' });
  });
});
