// The page checks a run's result before using it: a program can change the
// values it makes, and so the snapshot the worker sends.
import { describe, expect, it } from 'vitest';
import { maxNodeId, validateSnapshot } from '../src/validate-snapshot.js';
import { run } from '../../engine/runner/run.js';
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

  // The engine refuses these changes where a program makes them (Value's id
  // has no setter; data, grad and label setters check their type), so a bad
  // snapshot can only come from a program that reaches past the engine in its
  // worker; these tests forge one from a real snapshot, as such a program would.
  const forged = (edit: (nodes: Record<string, unknown>[]) => void) => {
    const s = snap('const a = new Value(1);\nconst b = a.mul(2);\nb.backward();\n');
    edit(s.nodes as unknown as Record<string, unknown>[]);
    const checked = validateSnapshot(s);
    return 'problem' in checked ? checked.problem : null;
  };

  it('a program cannot set an id: the engine says so at its line', () => {
    const s = run('const a = new Value(1);\na.id = 2 ** 31 - 2;\n');
    expect(s.error).toMatchObject({ kind: 'runtime', line: 2 });
    expect(s.error!.message).toMatch(/id/);
  });

  it('refuses an id past the bound (the page would allocate an array that large)', () => {
    expect(forged((n) => { n[0]!.id = 2 ** 31 - 2; })).toBe(`value 0 has id 2147483646: ids are whole numbers from 0 to ${maxNodeId}`);
    expect(forged((n) => { n[1]!.id = 0; })).toBe('value 1 has id 0, not after the one before (0)');
    expect(forged((n) => { n[0]!.id = 'x'; })).toMatch(/^value 0 has id x/);
  });

  it('refuses labels, data and grads of the wrong type, naming the value', () => {
    expect(forged((n) => { n[0]!.label = { html: 1 }; })).toBe('value #0 has a label that is not text');
    expect(forged((n) => { n[0]!.data = 'big'; })).toBe('value #0 has data that is not a number');
    expect(forged((n) => { n[0]!.grad = null; })).toBe('value #0 has a grad that is not a number');
  });

  it('refuses what is not a snapshot at all', () => {
    expect(validateSnapshot(null)).toEqual({ problem: 'the result is not an object' });
    expect(validateSnapshot({ format: 'other' })).toEqual({ problem: 'the result is not gradscope.graph/1' });
  });
});
