// People paste micrograd's Python. TypeScript's parser then reports something
// like "Unexpected token" somewhere; this finds the first line only Python
// writes and says what to change instead. Asked only when parsing failed, so
// a TypeScript program is never told it is Python.

const pythonOnly: RegExp[] = [
  /^def\s+\w+\s*\(.*\)\s*(->.*)?:\s*(#.*)?$/, //              def f(x):
  /^class\s+\w+\s*(\(.*\))?\s*:\s*(#.*)?$/, //                class Value:  class Value(object):
  /^import\s+[\w.]+(\s+as\s+\w+)?(\s*,\s*[\w.]+(\s+as\s+\w+)?)*\s*$/, // import math
  /^from\s+[\w.]+\s+import\s+[\w*]/, //                        from micrograd.engine import Value
  /^#(\s|$)/, //                                               # a comment
  /^(if|elif|else|for|while|with|try|except|finally)\b[^{;]*:\s*(#.*)?$/, // blocks that end in ':'
  /^print\s*\(/, //                                           print(...)
];

export const pythonHint =
  "this looks like Python: Gradscope runs TypeScript. Write `new Value(2.0)` (not `Value(2.0)`), " +
  "`const a = …` for a new name, `a.relu()` and `a ** 2` as in micrograd, `// comments`, " +
  '`{ }` around blocks instead of `:` and indentation, and `console.log(…)` for print';

/** 1-based line and column of the first Python-only line of `source`, or null. */
export function firstPythonLine(source: string): { line: number; column: number } | null {
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].replace(/\r$/, '');
    const trimmed = text.trimStart();
    if (i === 0 && trimmed.startsWith('#!')) continue; // a shebang
    if (pythonOnly.some((re) => re.test(trimmed))) return { line: i + 1, column: text.length - trimmed.length + 1 };
  }
  return null;
}
