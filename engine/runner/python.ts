// People paste micrograd's Python. TypeScript's parser then reports something
// like "Unexpected token" somewhere; this finds the first line only Python
// writes and says what to change instead. Asked only when parsing failed, so
// a TypeScript program is never told it is Python. Two Python lines parse
// (`Value(2.0, label='a')`, `a = Value(2.0)`) and fail as they run, with a
// ReferenceError: undefinedNameHint is asked then, and only then.

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

/**
 * What to say instead of `ReferenceError: NAME is not defined` when NAME is
 * written as Python writes it, or null. Python's keyword argument
 * (`Value(2.0, label='a')`) parses as TypeScript, as an assignment inside the
 * arguments, and fails only when it runs, with a name never declared; so does
 * Python's way of making a name (`a = Value(2.0)`). `line`:`column` is where
 * the error was thrown (at or after the name); the hint points at the name.
 */
export function undefinedNameHint(source: string, error: string, line: number, column: number): { message: string; line: number; column: number } | null {
  const name = /^([A-Za-z_$][\w$]*) is not defined$/.exec(error)?.[1];
  if (name === undefined) return null;
  const lineStart = offsetOfLine(source, line);
  if (lineStart === null) return null;
  const text = source.slice(lineStart).split('\n')[0]!;
  // The last `NAME =` on the line that starts at or before the error (`==`, `=>` are no assignment).
  let at = -1;
  for (const m of text.matchAll(new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\s*=(?![=>])`, 'g'))) if (m.index! < column) at = m.index!;
  if (at < 0) return null;
  const offset = lineStart + at;
  const where = { line, column: at + 1 };
  const open = enclosing(source, offset);
  const before = source.slice(0, offset).trimEnd();
  if (open !== null && source[open.offset] === '(' && /[(,]$/.test(before) && isCall(source, open.offset)) {
    const written = argumentAt(source, offset);
    const rewrite = valueCall(source, open.offset);
    const how = rewrite === null
      ? "give the value alone, in its place among the arguments (micrograd's `Value(2.0, label='a')` is `new Value(2.0, 'a')`: data, then label)"
      : `write \`${rewrite}\``;
    return { message: `this looks like Python: \`${written}\` is a keyword argument, and Gradscope runs TypeScript, which passes arguments by position: ${how}`, ...where };
  }
  if ((open === null || source[open.offset] === '{') && (text.slice(0, at).trim() === '' || /(^|[;{}])$/.test(before))) {
    return {
      message: `${name} is not declared: declare it where it is first assigned, \`const ${name} = …\` (\`let ${name} = …\` if it is assigned again); Python makes a name by assigning it, TypeScript does not`,
      ...where,
    };
  }
  return null;
}

function offsetOfLine(source: string, line: number): number | null {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    offset = source.indexOf('\n', offset) + 1;
    if (offset === 0) return null;
  }
  return offset;
}

/** The brackets of `source` outside strings and comments, each with its offset; scanning stops at `end`. */
function* brackets(source: string, from = 0, end = source.length): Generator<{ ch: string; offset: number }> {
  // Templates nest: `${` opens code inside a template, whose `}` goes back into the template.
  const modes: ('code' | 'template')[] = ['code'];
  for (let i = from; i < end; i++) {
    const ch = source[i]!;
    if (modes.at(-1) === 'template') {
      if (ch === '\\') i++;
      else if (ch === '`') modes.pop();
      else if (ch === '$' && source[i + 1] === '{') {
        modes.push('code');
        yield { ch: '{', offset: i++ };
      }
      continue;
    }
    if (ch === '/' && source[i + 1] === '/') i = source.indexOf('\n', i) < 0 ? end : source.indexOf('\n', i);
    else if (ch === '/' && source[i + 1] === '*') i = source.indexOf('*/', i + 2) < 0 ? end : source.indexOf('*/', i + 2) + 1;
    else if (ch === "'" || ch === '"') {
      for (i++; i < end && source[i] !== ch && source[i] !== '\n'; i++) if (source[i] === '\\') i++;
    } else if (ch === '`') modes.push('template');
    else if ('([{}]),'.includes(ch)) {
      if (ch === '}' && modes.length > 1) modes.pop();
      yield { ch, offset: i };
    }
  }
}

/** The innermost bracket open at `offset`, or null. */
function enclosing(source: string, offset: number): { offset: number } | null {
  const open: number[] = [];
  for (const b of brackets(source, 0, offset)) {
    if ('([{'.includes(b.ch)) open.push(b.offset);
    else if (b.ch !== ',') open.pop();
  }
  const last = open.at(-1);
  return last === undefined ? null : { offset: last };
}

/** The argument that starts at `offset`: up to its `,` or the call's `)`, shortened when long. */
function argumentAt(source: string, offset: number): string {
  let depth = 0;
  let end = source.length;
  for (const b of brackets(source, offset)) {
    if ('([{'.includes(b.ch)) depth++;
    else if (depth === 0) {
      end = b.offset;
      break;
    } else if (b.ch !== ',') depth--;
  }
  const arg = source.slice(offset, end).trim();
  return arg.length <= 40 ? arg : `${arg.slice(0, arg.indexOf('=') + 1)}…`;
}

const notCallee = new Set(['if', 'for', 'while', 'switch', 'catch', 'with', 'function', 'return', 'typeof', 'await', 'yield', 'in', 'of', 'case', 'do', 'else', 'void', 'delete', 'new', 'throw']);

/** Whether the `(` at `paren` opens a call's arguments (after a name, `)` or `]`), not a group or a statement's head. */
function isCall(source: string, paren: number): boolean {
  const before = source.slice(Math.max(0, paren - 80), paren).trimEnd();
  const word = /([A-Za-z_$][\w$]*)$/.exec(before)?.[1];
  return word !== undefined ? !notCallee.has(word) : /[)\]]$/.test(before);
}

/** `Value(…)` with keyword arguments `data=` and `label=` (micrograd's), as TypeScript writes it; else null. */
function valueCall(source: string, paren: number): string | null {
  if (!/(^|[^\w$.])Value\s*$/.test(source.slice(Math.max(0, paren - 80), paren))) return null;
  let depth = 0;
  let start = paren + 1;
  const args: string[] = [];
  for (const b of brackets(source, paren)) {
    if ('([{'.includes(b.ch)) depth++;
    else if (b.ch === ',' && depth === 1) {
      args.push(source.slice(start, b.offset));
      start = b.offset + 1;
    } else if (b.ch !== ',' && --depth === 0) {
      args.push(source.slice(start, b.offset));
      break;
    }
  }
  if (depth !== 0 || args.length > 2) return null;
  const slots: string[] = [];
  for (const [i, arg] of args.entries()) {
    const m = /^\s*([A-Za-z_$][\w$]*)\s*=(?![=>])\s*([\s\S]*?)\s*$/.exec(arg);
    const slot = m === null ? i : ['data', 'label'].indexOf(m[1]!);
    if (slot < 0 || slots[slot] !== undefined) return null;
    slots[slot] = (m === null ? arg : m[2]!).trim();
  }
  if (slots[0] === undefined || slots.includes('')) return null;
  return `new Value(${slots.join(', ')})`;
}
