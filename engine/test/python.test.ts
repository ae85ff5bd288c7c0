// Pasted Python gets one clear message at the first line only Python writes.

import { expect, test } from 'vitest';
import { run } from '../runner/run.js';

const readmePython = `from micrograd.engine import Value

a = Value(-4.0)
b = Value(2.0)
c = a + b
g.backward()
print(f'{g.data:.4f}') # prints 24.7041`;

test("micrograd's README in Python: 'Gradscope runs TypeScript' at the import line, with hints", () => {
  const s = run(readmePython);
  expect(s.error).toMatchObject({ kind: 'syntax', line: 1, column: 1 });
  expect(s.error!.message).toMatch(/Gradscope runs TypeScript/);
  for (const hint of ['new Value(', 'a.relu()', '// comments']) expect(s.error!.message).toContain(hint);
});

test.each([
  ['def', 'const x = 1;\n\n  def relu(self):\n    return 0', 3, 3],
  ['import without quotes', 'const x = 1;\nimport math\n', 2, 1],
  ['a # comment', 'let a = 1;\n# the input\na = a + 1', 2, 1],
  ['a block ending in :', 'const xs = [1];\nfor x in xs:\n  pass', 2, 1],
  ['print(', 'const a = new Value(1)\nprint(a.data)\nb = a ** 2 if a else 0', 2, 1],
  ['class', 'class Value:\n  pass', 1, 1],
])('%s is found at its line', (_what, source, line, column) => {
  const s = run(source);
  expect(s.error).toMatchObject({ kind: 'syntax', line, column });
  expect(s.error!.message).toMatch(/^this looks like Python: Gradscope runs TypeScript/);
});

test('a TypeScript syntax error is not called Python, nor is valid TypeScript that looks like it', () => {
  const s = run('const a = new Value(1;\n');
  expect(s.error).toMatchObject({ kind: 'syntax', line: 1 });
  expect(s.error!.message).not.toMatch(/Python/);
  const ok = run(`function print(x: number) { console.log(x); }
print(2);
switch (1) {
  default:
    console.log('ok');
}`);
  expect(ok.error).toBeNull();
  expect(ok.console).toEqual(['2', 'ok']);
});
