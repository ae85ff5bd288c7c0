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

// Python's keyword argument parses as TypeScript (an assignment inside the
// arguments) and fails only when it runs, as `label is not defined`.
const keywordHint = /^this looks like Python: `(\w+)=[^`]*` is a keyword argument, and Gradscope runs TypeScript, which passes arguments by position: /;

test("the lecture's first line, `a = Value(2.0, label='a')`: Python's keyword argument, at `label`, rewritten", () => {
  const source = "a = Value(2.0, label='a')\nb = Value(-3.0, label='b')\n";
  const s = run(source);
  expect(s.error).toMatchObject({ kind: 'runtime', line: 1, column: source.indexOf('label') + 1 });
  expect(s.error!.message).toMatch(keywordHint);
  expect(s.error!.message).toContain("`label='a'` is a keyword argument");
  expect(s.error!.message).toMatch(/write `new Value\(2\.0, 'a'\)`$/);
  expect(s.error!.message).not.toMatch(/ReferenceError/);
  // That rewrite runs: then the missing declaration is what is said next, at `a`.
  const next = run("a = new Value(2.0, 'a')\n");
  expect(next.error).toMatchObject({ kind: 'runtime', line: 1, column: 1 });
  expect(next.error!.message).toBe("a is not declared: declare it where it is first assigned, `const a = …` (`let a = …` if it is assigned again); Python makes a name by assigning it, TypeScript does not");
  expect(run("const a = new Value(2.0, 'a')\n").error).toBeNull();
});

test.each([
  ['with new, over two lines', "const a = new Value(2.0,\n    label='a');", 2, 5, "new Value(2.0, 'a')"],
  ['data= and label=', "const a = Value(data=2.0, label='a');", 1, 17, "new Value(2.0, 'a')"],
  ['label= first', "const a = Value(label='a', data=2.0);", 1, 17, "new Value(2.0, 'a')"],
  ['a string with a comma before it', "console.log('x, y'); const a = Value(2.0, label='a, b');", 1, 43, "new Value(2.0, 'a, b')"],
])('a keyword argument %s: located at its name, with the call as TypeScript writes it', (_what, source, line, column, rewrite) => {
  const s = run(source);
  expect(s.error).toMatchObject({ kind: 'runtime', line, column });
  expect(s.error!.message).toMatch(keywordHint);
  expect(s.error!.message).toContain(`write \`${rewrite}\``);
});

test('a keyword argument Value has no slot for, or of another call: how to write it, in general', () => {
  for (const source of ["const a = Value(2.0, _op='+');", "const a = new Value(2.0, 'a');\nconst b = a.mul(other=2);"]) {
    const s = run(source);
    expect(s.error!.message, source).toMatch(keywordHint);
    expect(s.error!.message, source).toContain("give the value alone, in its place among the arguments (micrograd's `Value(2.0, label='a')` is `new Value(2.0, 'a')`: data, then label)");
  }
});

test('TypeScript that assigns inside arguments runs as before, and other undefined names stay ReferenceErrors', () => {
  // A declared name assigned inside a call's arguments is valid TypeScript.
  const ok = run("let label = '';\nconst a = new Value(2.0, label = 'a');\nconsole.log(a.label, label);\n");
  expect(ok.error).toBeNull();
  expect(ok.console).toEqual(['a a']);
  // Undeclared, but not Python's: a loop head, a group, a name only read.
  for (const [source, name] of [['for (i = 0; i < 2; i++) {}', 'i'], ['const x = (y = 2);', 'y'], ['const a = new Value(1);\nconst b = a.add(undefinedName);', 'undefinedName'], ['if (z == 1) {}', 'z']]) {
    const s = run(source);
    expect(s.error?.message, source).toBe(`ReferenceError: ${name} is not defined`);
  }
});
