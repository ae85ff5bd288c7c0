// The page checks a run's result before using it: a program can change the
// values it makes, and so the snapshot the worker sends.
import { describe, expect, it } from 'vitest';
import { validateSnapshot, validateSteps } from '../src/validate-snapshot.js';
import { run } from '../../engine/runner/run.js';
import { chain, neuron, readme, snap } from './fixtures.js';

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
  // has no setter; data, grad and label setters check their type).
  it('a program cannot set an id: the engine says so at its line', () => {
    const s = run('const a = new Value(1);\na.id = 2 ** 31 - 2;\n');
    expect(s.error).toMatchObject({ kind: 'runtime', line: 2 });
    expect(s.error!.message).toMatch(/id/);
  });

  // Forged values and backward calls (ids past the bound, out of order, labels that are not text)
  // are refused by the wire decoder as the page decodes them: engine/test/wire.test.ts.

  // A training run keeps hundreds of thousands of values: the page checks them a slice at a time
  // (engine-client.ts lets the page run between slices), and a bad value past the first slice is still found.
  it('checks a large snapshot in slices, and still finds a value in an unknown group near its end', () => {
    const s = snap(chain(20_000));
    expect(s.nodes.length).toBeGreaterThan(70_000);
    const last = s.nodes.at(-1)!;
    s.groups = [{ id: 0, label: 'f', kind: 'function', parent: null, size: 1, output: last.id }];
    const slices = (value: unknown) => {
      const steps = validateSteps(value);
      let yields = 0;
      for (let step = steps.next(); ; step = steps.next(), yields++) if (step.done) return { yields, result: step.value };
    };
    const good = slices(s);
    expect(good.result).toEqual({ snapshot: s });
    expect(good.yields).toBeGreaterThan(4);
    s.nodes.at(-2)!.group = 7;
    const bad = slices(s);
    expect(bad.result).toEqual({ problem: `value #${s.nodes.at(-2)!.id} is in an unknown group` });
    expect(bad.yields).toBeGreaterThan(4);
  });

  it('refuses what is not a snapshot at all', () => {
    expect(validateSnapshot(null)).toEqual({ problem: 'the result is not an object' });
    expect(validateSnapshot({ format: 'other' })).toEqual({ problem: 'the result is not gradscope.graph/1' });
  });
});
