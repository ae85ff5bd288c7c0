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
    // The engine itself reports such values as errors (engine/runner/value-types.ts); a program
    // that reaches its worker's messages could still send them, so the page checks too.
    const tampered = (change: (s: ReturnType<typeof snap>) => void) => {
      const s = snap(neuron);
      change(s);
      const checked = validateSnapshot(s);
      return 'problem' in checked ? checked.problem : null;
    };
    expect(tampered((s) => ((s.nodes[0] as { label: unknown }).label = { html: 1 }))).toBe('value #0 has a label that is not text');
    expect(tampered((s) => ((s.nodes[1] as { data: unknown }).data = 'big'))).toBe('value #1 has data that is not a number');
    expect(tampered((s) => ((s.nodes[2] as { grad: unknown }).grad = null))).toBe('value #2 has a grad that is not a number');
    expect(tampered((s) => s.nodes.at(-1)!.inputs.push(999_999))).toMatch(/has an input that is not an earlier value/);
    expect(tampered((s) => (s.backward[0]!.steps[0]!.deltas[0]![0] = 999_999))).toBe('step 1 of call 1[0] is not an [id, number] pair of a known value');
  });

  it('refuses what is not a snapshot at all', () => {
    expect(validateSnapshot(null)).toEqual({ problem: 'the result is not an object' });
    expect(validateSnapshot({ format: 'other' })).toEqual({ problem: 'the result is not gradscope.graph/1' });
  });
});
