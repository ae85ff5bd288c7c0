// Rewrites the (type-stripped) program so the engine learns, cheaply, what
// micrograd never knew: where each Value was created, which variable it was
// assigned to, and when a loop has run too long. Every edit is an insertion or
// a same-line replacement, so lines never move.
//
//   x.mul(w)            → x.mul(__at(7, w))        call site 7 is current when mul runs
//   a.relu()            → a.relu(...__at0(8))      no argument: spread an empty array
//   const h = expr      → const h = __name("h", expr)
//   while (c) body      → while (c) {__tick(3); body}
//   import { Value } from 'gradscope' → const { Value } = __gradscope;
//   a * b               → __gs_mul(a , b, 9)        micrograd's operators (operators.ts)
//   -a                  → __gs_neg(a, 10)
//   c += x              → c = __gs_name("c", __gs_add(c, x, 11))
//   function loss() { body }
//                       → function loss() {const __gs_call = __gs_enter(0);try{ body }finally{__gs_exit(__gs_call)}}
//                          (a call of a named function may become a group: engine/group/)

import { parse, type Node } from 'acorn';
import { ancestor } from 'acorn-walk';
import { SourceError } from './source-error.js';
import type { Loc } from '../../common/snapshot.js';
import { operatorHooks } from './operators.js';

/** Names the instrumented code calls; the runner puts them in scope. */
export const hooks = {
  at: '__gs_at',
  at0: '__gs_at0',
  name: '__gs_name',
  tick: '__gs_tick',
  module: '__gs_module',
  enter: '__gs_enter',
  exit: '__gs_exit',
} as const;

export interface Instrumented {
  code: string;
  /** Source position of each call site, by index. */
  sites: Loc[];
  /** Names of the user's functions that tell the engine when they run, by index. */
  functions: string[];
  /** Maps a 1-based position in `code` to one in the input. */
  toInput(line: number, column: number): { line: number; column: number };
}

interface Edit {
  start: number;
  end: number;
  text: string;
  /** Closes at one offset go inner first, opens outer first; the walk is post-order. */
  closes?: boolean;
}

// acorn's nodes carry positions; the fields we read are typed loosely here.
type AnyNode = Node & Record<string, any>;

/** `toSource` maps a 1-based position of `code` to the user's source (for sites). */
export function instrument(code: string, toSource: (line: number, column: number) => Loc): Instrumented {
  const ast = parseProgram(code, toSource);
  const lineStarts = lineStartsOf(code);
  const edits: Edit[] = [];
  const sites: Loc[] = [];
  const functions: string[] = [];
  const open = (at: number, text: string) => edits.push({ start: at, end: at, text });
  const close = (at: number, text: string) => edits.push({ start: at, end: at, text, closes: true });
  const site = (offset: number) => {
    const { line, column } = positionOf(lineStarts, offset);
    sites.push(toSource(line, column));
    return sites.length - 1;
  };
  const fail = (node: AnyNode, message: string, kind: 'import' | 'syntax' = 'syntax'): never => {
    const at = positionOf(lineStarts, node.start);
    const loc = toSource(at.line, at.column);
    throw new SourceError(message, loc.line, loc.column, kind);
  };

  ancestor(ast, {
    CallExpression: (node: AnyNode) => markCall(node),
    NewExpression: (node: AnyNode) => markCall(node),
    VariableDeclarator: (node: AnyNode) => {
      if (node.id.type === 'Identifier' && node.init) nameValue(node.id.name, node.init);
    },
    AssignmentExpression: (node: AnyNode) => {
      if (node.operator === '=' && node.left.type === 'Identifier') nameValue(node.left.name, node.right);
      else if (node.operator in compound) rewriteCompound(node);
    },
    BinaryExpression: (node: AnyNode) => {
      if (node.operator in arithmetic && !(plain(node.left) && plain(node.right))) rewriteBinary(node);
    },
    UnaryExpression: (node: AnyNode) => {
      if (node.operator === '-' && !plain(node.argument)) {
        const id = site(node.start);
        edits.push({ start: node.start, end: node.start + 1, text: `${operatorHooks.neg}(` });
        close(node.end, `, ${id})`);
      }
    },
    FunctionDeclaration: (node: AnyNode, _state: unknown, ancestors: AnyNode[]) => watchFunction(node, ancestors),
    FunctionExpression: (node: AnyNode, _state: unknown, ancestors: AnyNode[]) => watchFunction(node, ancestors),
    ArrowFunctionExpression: (node: AnyNode, _state: unknown, ancestors: AnyNode[]) => watchFunction(node, ancestors),
    WhileStatement: (node: AnyNode) => guardLoop(node),
    DoWhileStatement: (node: AnyNode) => guardLoop(node),
    ForStatement: (node: AnyNode) => guardLoop(node),
    ForInStatement: (node: AnyNode) => guardLoop(node),
    ForOfStatement: (node: AnyNode) => guardLoop(node),
    ImportDeclaration: (node: AnyNode) => edits.push(importEdit(node)),
    ImportExpression: (node: AnyNode) => fail(node, "import() is not available: only 'gradscope' can be imported, statically", 'import'),
    MetaProperty: (node: AnyNode) => fail(node, 'import.meta is not available in a Gradscope program', 'import'),
    // acorn allows a module's top-level await; the function the program runs in does not.
    AwaitExpression: (node: AnyNode, _state: unknown, ancestors: AnyNode[]) => {
      if (!ancestors.some((a) => /Function/.test(a.type))) fail(node, 'syntax error: await is only valid inside an async function');
    },
    ExportNamedDeclaration: (node: AnyNode) => {
      // `export const x = …` runs as `const x = …`: nothing imports a program.
      if (!node.declaration) fail(node, 'export lists are not supported in a program');
      edits.push({ start: node.start, end: node.declaration.start, text: '' });
    },
    ExportDefaultDeclaration: (node: AnyNode) => fail(node, 'export default is not supported in a program'),
    ExportAllDeclaration: (node: AnyNode) => fail(node, 'export * is not supported in a program'),
  });

  function markCall(node: AnyNode): void {
    if (node.type === 'CallExpression' && node.callee.type === 'Super') return;
    if (node.callee.type === 'Identifier' && node.callee.name === 'require') {
      // Also what `import fs = require('fs')` becomes once types are stripped.
      fail(node, "require() is not available: only 'gradscope' can be imported, with import", 'import');
    }
    const callee = node.callee as AnyNode;
    const where = callee.type === 'MemberExpression' && !callee.computed ? callee.property.start : node.start;
    const id = site(where);
    const args = node.arguments as AnyNode[];
    if (args.length === 0) {
      // The closing parenthesis is the call's last character (`f()`, `new V()`),
      // unless `new V` was written without parentheses.
      if (code[node.end - 1] === ')') open(node.end - 1, `...${hooks.at0}(${id})`);
      return;
    }
    const last = args[args.length - 1];
    const target = last.type === 'SpreadElement' ? last.argument : last;
    open(target.start, `${hooks.at}(${id}, `);
    close(target.end, ')');
  }

  // `a * b` → `__gs_mul(a , b, site)`: the operator itself becomes the comma, so
  // parentheses and comments around the operands stay where they were.
  function rewriteBinary(node: AnyNode): void {
    const at = operatorOffset(code, node.left.end, node.right.start, node.operator);
    const id = site(at);
    open(node.start, `${arithmetic[node.operator]}(`);
    edits.push({ start: at, end: at + node.operator.length, text: ',' });
    close(node.end, `, ${id})`);
  }

  // `c += x` → `c = __gs_name("c", __gs_add(c, x, site))`; a member target whose
  // object is plain names (`p.grad -= …`, `this.w *= …`) is read twice, harmlessly.
  function rewriteCompound(node: AnyNode): void {
    const target = node.left as AnyNode;
    if (target.type !== 'Identifier' && !simpleMember(target)) return;
    if (plain(node.right) && target.type === 'MemberExpression' && !target.computed && numberFields.has(target.property.name)) return;
    const at = operatorOffset(code, target.end, node.right.start, node.operator);
    const id = site(at);
    const fn = compound[node.operator];
    const named = target.type === 'Identifier';
    const head = `= ${named ? `${hooks.name}(${JSON.stringify(target.name)}, ` : ''}${fn}(${code.slice(target.start, target.end)}, `;
    edits.push({ start: at, end: at + node.operator.length, text: head });
    close(node.end, `, ${id})${named ? ')' : ''}`);
  }

  function nameValue(name: string, value: AnyNode): void {
    open(value.start, `${hooks.name}(${JSON.stringify(name)}, `);
    close(value.end, ')');
  }

  // A named function tells the engine when it starts and ends, so that a call
  // making many values can be drawn as one group. Anonymous callbacks do not
  // (their values go to the caller's group), nor generators and async
  // functions, whose calls do not nest.
  function watchFunction(node: AnyNode, ancestors: AnyNode[]): void {
    if (node.generator || node.async) return;
    const name = functionName(node, ancestors);
    if (name === null) return;
    const id = functions.push(name) - 1;
    const enter = `const __gs_call = ${hooks.enter}(${id});try{`;
    const exit = `}finally{${hooks.exit}(__gs_call)}`;
    const body = node.body as AnyNode;
    if (body.type === 'BlockStatement') {
      open(body.start + 1, enter);
      close(body.end - 1, exit);
    } else {
      // `(x) => expr`: the body becomes a block returning expr, parenthesised
      // so that a line break after `return` cannot end the statement.
      const params = node.params as AnyNode[];
      const arrow = operatorOffset(code, params.length > 0 ? params[params.length - 1].end : node.start, body.start, '=>');
      open(arrow + 2, `{${enter}return(`);
      close(node.end, `)${exit}}`);
    }
  }

  function guardLoop(node: AnyNode): void {
    const id = site(node.start);
    const body = node.body as AnyNode;
    if (body.type === 'BlockStatement') {
      open(body.start + 1, `${hooks.tick}(${id});`);
    } else {
      open(body.start, `{${hooks.tick}(${id});`);
      close(body.end, '}');
    }
  }

  function importEdit(node: AnyNode): Edit {
    if (node.source.value !== 'gradscope') {
      fail(node.source, `cannot import '${node.source.value}': only 'gradscope' can be imported`, 'import');
    }
    const parts: string[] = [];
    let whole: string | null = null;
    for (const spec of node.specifiers as AnyNode[]) {
      if (spec.type === 'ImportSpecifier') {
        const imported = spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
        parts.push(imported === spec.local.name ? imported : `${JSON.stringify(imported)}: ${spec.local.name}`);
      } else {
        whole = spec.local.name; // `import * as gs` or a default import: the whole API
      }
    }
    const decls = [];
    if (parts.length > 0) decls.push(`{ ${parts.join(', ')} } = ${hooks.module}`);
    if (whole !== null) decls.push(`${whole} = ${hooks.module}`);
    // Keep the statement on its line; a bare `import 'gradscope'` becomes nothing.
    return { start: node.start, end: node.end, text: decls.length > 0 ? `const ${decls.join(', ')};` : '' };
  }

  return applyEdits(code, edits, sites, functions);
}

/** The name a function is called by: its own, the variable or property it is
 *  assigned to, or `Class.method` for a method; null for an anonymous one. */
function functionName(node: AnyNode, ancestors: AnyNode[]): string | null {
  const parent = ancestors[ancestors.length - 2];
  if (parent?.type === 'MethodDefinition') {
    if (parent.kind !== 'method' || parent.computed) return null;
    const owner = ancestors[ancestors.length - 4];
    const key = parent.key.type === 'Identifier' ? parent.key.name : null;
    if (key === null) return null;
    return owner?.id?.type === 'Identifier' ? `${owner.id.name}.${key}` : key;
  }
  if (node.id?.type === 'Identifier') return node.id.name;
  if (parent?.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'Identifier') return parent.id.name;
  if (parent?.type === 'AssignmentExpression' && parent.right === node && parent.left.type === 'Identifier') return parent.left.name;
  if (parent?.type === 'Property' && parent.value === node && !parent.computed && parent.key.type === 'Identifier') return parent.key.name;
  return null;
}

const arithmetic: Record<string, string> = {
  '+': operatorHooks.add,
  '-': operatorHooks.sub,
  '*': operatorHooks.mul,
  '/': operatorHooks.div,
  '**': operatorHooks.pow,
};
const compound: Record<string, string> = {
  '+=': operatorHooks.add,
  '-=': operatorHooks.sub,
  '*=': operatorHooks.mul,
  '/=': operatorHooks.div,
  '**=': operatorHooks.pow,
};
// A Value's own number fields, and what is never a Value.
const numberFields = new Set(['data', 'grad', 'length']);

/** True when the expression can never be a Value: its operator stays native. */
function plain(node: AnyNode): boolean {
  switch (node.type) {
    case 'Literal':
    case 'TemplateLiteral':
    case 'UpdateExpression':
      return true;
    case 'UnaryExpression':
      return node.operator === '-' || node.operator === '+' ? plain(node.argument) : true;
    case 'BinaryExpression':
      return node.operator in arithmetic ? plain(node.left) && plain(node.right) : true;
    case 'MemberExpression':
      return !node.computed && numberFields.has(node.property.name);
    case 'CallExpression':
      // Math.exp(x) and friends return numbers (or throw on a Value).
      return node.callee.type === 'MemberExpression' && node.callee.object.type === 'Identifier' && node.callee.object.name === 'Math';
    default:
      return false;
  }
}

/** `a.b.c` or `this.w`: an assignment target that can be read again without effects. */
function simpleMember(node: AnyNode): boolean {
  if (node.type !== 'MemberExpression' || node.computed) return false;
  const object = node.object as AnyNode;
  return object.type === 'Identifier' || object.type === 'ThisExpression' || simpleMember(object);
}

/** Offset of `operator` between two operands, skipping parentheses and comments. */
function operatorOffset(code: string, from: number, to: number, operator: string): number {
  let i = from;
  while (i < to) {
    if (code.startsWith('//', i)) i = code.indexOf('\n', i);
    else if (code.startsWith('/*', i)) i = code.indexOf('*/', i) + 2;
    else if (code.startsWith(operator, i)) return i;
    else i++;
  }
  throw new Error(`internal: no ${operator} between offsets ${from} and ${to}`);
}

function parseProgram(code: string, toSource: (line: number, column: number) => Loc): AnyNode {
  try {
    return parse(code, { ecmaVersion: 'latest', sourceType: 'module', locations: true }) as AnyNode;
  } catch (e) {
    const loc = (e as { loc?: { line: number; column: number } }).loc;
    const at = loc ? toSource(loc.line, loc.column + 1) : { line: null, column: null };
    const message = (e as Error).message.replace(/\s*\(\d+:\d+\)$/, '');
    throw new SourceError(`syntax error: ${message}`, at.line, at.column, 'syntax');
  }
}

function applyEdits(code: string, edits: Edit[], sites: Loc[], functions: string[]): Instrumented {
  // At one offset: what closes comes before what opens; closes keep the walk's
  // (inner-first) order, opens reverse it so the outer construct opens first.
  const rank = (e: Edit, i: number) => (e.closes ? i - edits.length : edits.length - i);
  const sorted = edits
    .map((e, i) => ({ ...e, rank: rank(e, i) }))
    .sort((x, y) => x.start - y.start || x.rank - y.rank);
  let out = '';
  let from = 0;
  for (const e of sorted) {
    out += code.slice(from, e.start) + e.text;
    from = Math.max(from, e.end);
  }
  out += code.slice(from);
  const lineStarts = lineStartsOf(code);
  const outLineStarts = lineStartsOf(out);
  return {
    code: out,
    sites,
    functions,
    toInput(line, column) {
      // Walk the edits on this line, undoing the length each one added before `column`.
      const lineStart = lineStarts[line - 1] ?? 0;
      let outOffset = (outLineStarts[line - 1] ?? 0) + column - 1;
      let inOffset = lineStart;
      let outCursor = outLineStarts[line - 1] ?? 0;
      for (const e of sorted) {
        if (e.start < lineStart) continue;
        const plain = e.start - inOffset; // unedited text before this edit
        if (outCursor + plain > outOffset) break;
        outCursor += plain + e.text.length;
        if (outCursor > outOffset) {
          inOffset = e.start; // inside inserted text: point at the edit itself
          outOffset = -1;
          break;
        }
        inOffset = e.end;
      }
      const offset = outOffset === -1 ? inOffset : inOffset + (outOffset - outCursor);
      return { line, column: offset - lineStart + 1 };
    },
  };
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function positionOf(lineStarts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
}
