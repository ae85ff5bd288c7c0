// A snapshot comes from the worker that ran the user's program, and a program
// can change what it is made of (`a.id = 2 ** 31 - 2`, `a.label = {}`,
// `a.inputs = [99]`). The page checks its shape before using it: ids, counts,
// types and references, so a hostile or broken result becomes a clear error
// instead of a giant allocation or a crash on the UI thread.

import type { GraphNode, Snapshot } from '../../common/snapshot.js';

/** Ids index arrays on the UI thread (subgraph.ts): bounded so an index stays small. */
export const maxNodeId = 2 ** 25;
const ops = new Set(['add', 'sub', 'mul', 'div', 'neg', 'pow', 'relu', 'tanh', 'exp', 'log', 'sigmoid']);
const kinds = new Set(['syntax', 'runtime', 'timeout', 'limit', 'import', 'internal']);

class Invalid extends Error {}

function check(ok: boolean, what: string): asserts ok {
  if (!ok) throw new Invalid(what);
}

const isInt = (x: unknown): x is number => Number.isSafeInteger(x);
const isNum = (x: unknown): x is number => typeof x === 'number';
const isStrOrNull = (x: unknown) => x === null || typeof x === 'string';

function array(x: unknown, what: string): unknown[] {
  check(Array.isArray(x), `${what} is not a list`);
  return x;
}

function pairs(x: unknown, ids: Set<number>, what: string): void {
  for (const [i, p] of array(x, what).entries()) {
    check(Array.isArray(p) && p.length === 2 && ids.has(p[0]) && isNum(p[1]), `${what}[${i}] is not an [id, number] pair of a known value`);
  }
}

function node(n: unknown, i: number, ids: Set<number>, lastId: number): GraphNode {
  check(typeof n === 'object' && n !== null, `value ${i} is not an object`);
  const v = n as Record<string, unknown>;
  const id = v.id;
  check(isInt(id) && id >= 0 && id <= maxNodeId, `value ${i} has id ${String(id)}: ids are whole numbers from 0 to ${maxNodeId}`);
  check(id > lastId, `value ${i} has id ${id}, not after the one before (${lastId})`);
  const name = `value #${id}`;
  check(isStrOrNull(v.label), `${name} has a label that is not text`);
  check(v.op === null || ops.has(v.op as string), `${name} has an unknown op`);
  check(v.k === undefined || isNum(v.k), `${name} has a non-numeric exponent`);
  check(isNum(v.data), `${name} has data that is not a number`);
  check(isNum(v.grad), `${name} has a grad that is not a number`);
  for (const input of array(v.inputs, `${name}'s inputs`)) {
    check(ids.has(input as number), `${name} has an input that is not an earlier value`);
  }
  const loc = v.loc as Record<string, unknown> | null;
  check(loc === null || (typeof loc === 'object' && isInt(loc.line) && isInt(loc.column)), `${name} has a bad source position`);
  check(isStrOrNull(v.module), `${name} has a module path that is not text`);
  check(typeof v.nonFinite === 'boolean', `${name} has no nonFinite flag`);
  return v as unknown as GraphNode;
}

const groupKinds = new Set(['module', 'function', 'chain']);

/** Groups (issue 8): known kinds, parents that are other groups, outputs and node groups that exist. */
function groups(x: unknown, nodes: GraphNode[], ids: Set<number>): void {
  if (x === undefined) return;
  const groupIds = new Set<number>();
  for (const [i, g] of array(x, 'groups').entries()) {
    const v = g as Record<string, unknown> | null;
    check(typeof v === 'object' && v !== null && isInt(v.id) && !groupIds.has(v.id), `group ${i} has no id or a repeated one`);
    groupIds.add(v.id as number);
    check(typeof v.label === 'string' && groupKinds.has(v.kind as string) && isInt(v.size), `group ${String(v.id)} is malformed`);
    check(v.output === null || ids.has(v.output as number), `group ${String(v.id)} has an unknown output`);
  }
  for (const g of x as { id: number; parent: unknown }[]) {
    check(g.parent === null || (groupIds.has(g.parent as number) && g.parent !== g.id), `group ${g.id} has an unknown parent`);
  }
  for (const n of nodes) {
    check(n.group === undefined || n.group === null || groupIds.has(n.group), `value #${n.id} is in an unknown group`);
  }
}

/** The snapshot when it is well formed, else the reason it is not. */
export function validateSnapshot(value: unknown): { snapshot: Snapshot } | { problem: string } {
  try {
    check(typeof value === 'object' && value !== null, 'the result is not an object');
    const s = value as Record<string, unknown>;
    check(s.format === 'gradscope.graph/1', 'the result is not gradscope.graph/1');
    const ids = new Set<number>();
    let lastId = -1;
    for (const [i, n] of array(s.nodes, 'nodes').entries()) {
      const checked = node(n, i, ids, lastId);
      ids.add(checked.id);
      lastId = checked.id;
    }
    for (const [c, call] of array(s.backward, 'backward').entries()) {
      check(typeof call === 'object' && call !== null, `backward call ${c + 1} is not an object`);
      const b = call as Record<string, unknown>;
      check(ids.has(b.root as number), `backward call ${c + 1} has an unknown root`);
      for (const [k, step] of array(b.steps, `call ${c + 1}'s steps`).entries()) {
        const st = step as Record<string, unknown> | null;
        check(typeof st === 'object' && st !== null && ids.has(st.node as number), `step ${k + 1} of call ${c + 1} names an unknown value`);
        pairs(st.deltas, ids, `step ${k + 1} of call ${c + 1}`);
      }
      pairs(b.gradsBefore, ids, `call ${c + 1}'s grads before`);
      pairs(b.leafData, ids, `call ${c + 1}'s leaf data`);
    }
    check(array(s.console, 'console').every((l) => typeof l === 'string'), 'a console line is not text');
    check(array(s.warnings, 'warnings').every((l) => typeof l === 'string'), 'a warning is not text');
    check(array(s.rootHistory, 'rootHistory').every(isNum), 'the loss history holds a non-number');
    const e = s.error as Record<string, unknown> | null;
    check(
      e === null ||
        (typeof e === 'object' && typeof e.message === 'string' && (e.line === null || isInt(e.line)) && (e.column === null || isInt(e.column)) && kinds.has(e.kind as string)),
      'the error is malformed',
    );
    const plots = s.plots as Record<string, unknown> | null;
    check(typeof plots === 'object' && plots !== null, 'plots are missing');
    for (const series of array(plots.series, 'plot series')) {
      const ser = series as Record<string, unknown> | null;
      check(typeof ser === 'object' && ser !== null && typeof ser.name === 'string' && array(ser.values, 'a series').every(isNum), 'a plot series is malformed');
    }
    for (const b of array(plots.boundaries, 'decision boundaries')) {
      const d = b as Record<string, unknown> | null;
      check(typeof d === 'object' && d !== null, 'a decision boundary is malformed');
      check(array(d.xs, 'xs').every(isNum) && array(d.ys, 'ys').every(isNum), 'a decision boundary has non-numeric axes');
      check(array(d.scores, 'scores').every((row) => array(row, 'a score row').every(isNum)), 'a decision boundary has non-numeric scores');
      check(array(d.points, 'points').every((p) => array(p, 'a point').every(isNum)) && array(d.labels, 'labels').every(isNum), 'a decision boundary has bad points');
    }
    groups(s.groups, s.nodes as GraphNode[], ids);
    return { snapshot: value as Snapshot };
  } catch (e) {
    if (e instanceof Invalid) return { problem: e.message };
    throw e;
  }
}
