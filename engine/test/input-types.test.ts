// Source text and values a program gets wrong: a byte-order mark, and Values
// of the wrong type. Each ends in a located error or exact columns, never a
// crash in what prints the graph.
import { describe, expect, it } from 'vitest';
import { formatTable } from '../node/table.js';
import { run } from '../runner/run.js';

describe('a UTF-8 byte-order mark', () => {
  it('does not shift line 1: values and errors there have the columns an editor shows', () => {
    const source = 'const a = new Value(1); const b = a.mul(2); undefinedName;\n';
    const plain = run(source);
    const withBom = run(`\uFEFF${source}`);
    expect(withBom.nodes.map((n) => n.loc)).toEqual(plain.nodes.map((n) => n.loc));
    expect(withBom.nodes[0]!.loc).toEqual({ line: 1, column: source.indexOf('new Value') + 1 });
    expect(withBom.error).toEqual(plain.error);
    expect(withBom.error).toMatchObject({ line: 1, column: source.indexOf('undefinedName') + 1 });
  });
});

describe('Values of the wrong type', () => {
  it.each([
    ["new Value('2')", "const ok = new Value(1);\nconst a = new Value('2');\n", 2, 'new Value', /new Value\(x\) needs a number, got string/],
    ['a label that is a number', 'const a = new Value(1, 42);\n', 1, 'new Value', /needs text for the label, got number 42/],
    ['data set to null later', 'const a = new Value(1, "a");\na.data = null;\n', 2, '= null', /a Value's data must be a number, got null/],
    ['grad set to text later', 'const a = new Value(1, "a");\na.grad = "1";\n', 2, '= "1"', /a Value's grad must be a number, got string 1/],
    ['a label set to an object', 'const a = new Value(1);\na.label = { name: "x" };\n', 2, '= {', /a Value's label must be text or null, got an object/],
  ])('%s is an error located where the program did it', (_name, source, line, at, message) => {
    const s = run(source);
    expect(s.error).toMatchObject({ kind: 'runtime', line, column: source.split('\n')[line - 1]!.indexOf(at) + 1 });
    expect(s.error!.message).toMatch(message);
    // The graph still prints: the wrong fields are shown as NaN and as text.
    expect(() => formatTable(s)).not.toThrow();
    for (const n of s.nodes) {
      expect(typeof n.data).toBe('number');
      expect(n.label === null || typeof n.label === 'string').toBe(true);
    }
  });

  it('a right program is untouched', () => {
    expect(run('const a = new Value(2, "a");\nconst b = a.mul(a);\nb.backward();\n').error).toBeNull();
  });
});
