// A snapshot comes from the worker that ran the user's program, and a program
// can change what it is made of (`a.id = 2 ** 31 - 2`, `a.label = {}`,
// `a.inputs = [99]`). The page checks its shape before using it: ids, counts,
// types and references, so a hostile or broken result becomes a clear error
// instead of a giant allocation or a crash on the UI thread. The values and
// backward calls are checked as they are decoded (common/wire.ts's Decoder,
// with maxNodeId); the rest here.

import type { GraphNode, Snapshot } from '../../common/snapshot.js';

/** Ids index arrays on the UI thread (subgraph.ts): bounded so an index stays small. */
export const maxNodeId = 2 ** 25;
const kinds = new Set(['syntax', 'runtime', 'timeout', 'limit', 'import', 'internal']);

class Invalid extends Error {}

function check(ok: boolean, what: string): asserts ok {
  if (!ok) throw new Invalid(what);
}

const isInt = (x: unknown): x is number => Number.isSafeInteger(x);
const isNum = (x: unknown): x is number => typeof x === 'number';

function array(x: unknown, what: string): unknown[] {
  check(Array.isArray(x), `${what} is not a list`);
  return x;
}

const groupKinds = new Set(['module', 'function', 'chain']);

/** Values or groups checked between two yields of validateSteps: a few milliseconds of work. */
const chunk = 32_768;

/** Groups (issue 8): known kinds, parents that are other groups, outputs and node groups that exist.
 *  A pass over every value (841,177 for two-moons): it yields every `chunk` items. */
function* groups(x: unknown, nodes: GraphNode[]): Generator<void, void, void> {
  if (x === undefined) return;
  const groupIds = new Set<number>();
  const list = array(x, 'groups');
  if (list.length === 0) return;
  // By id in a typed array (ids are below maxNodeId): a Set of 841,177 ids took a long task of its own.
  let maxId = -1;
  for (let i = 0; i < nodes.length; i++) {
    if (nodes[i]!.id > maxId) maxId = nodes[i]!.id;
    if (i % chunk === chunk - 1) yield;
  }
  const known = new Uint8Array(maxId + 1);
  for (let i = 0; i < nodes.length; i++) {
    known[nodes[i]!.id] = 1;
    if (i % chunk === chunk - 1) yield;
  }
  const ids = { has: (id: number) => Number.isSafeInteger(id) && known[id] === 1 };
  for (let i = 0; i < list.length; i++) {
    const v = list[i] as Record<string, unknown> | null;
    check(typeof v === 'object' && v !== null && isInt(v.id) && !groupIds.has(v.id), `group ${i} has no id or a repeated one`);
    groupIds.add(v.id as number);
    check(typeof v.label === 'string' && groupKinds.has(v.kind as string) && isInt(v.size), `group ${String(v.id)} is malformed`);
    check(v.output === null || ids.has(v.output as number), `group ${String(v.id)} has an unknown output`);
    if (i % chunk === chunk - 1) yield;
  }
  for (let i = 0; i < list.length; i++) {
    const g = list[i] as { id: number; parent: unknown };
    check(g.parent === null || (groupIds.has(g.parent as number) && g.parent !== g.id), `group ${g.id} has an unknown parent`);
    if (i % chunk === chunk - 1) yield;
  }
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    // The message is made only for a value that fails (making one per value cost a long task at 841,177 values).
    if (!(n.group === undefined || n.group === null || groupIds.has(n.group))) check(false, `value #${n.id} is in an unknown group`);
    if (i % chunk === chunk - 1) yield;
  }
}

/** The snapshot when it is well formed, else the reason it is not. Its values
 *  and backward calls come from the wire decoder (common/wire.ts), which
 *  checked their ids, types and references as it built them. */
export function validateSnapshot(value: unknown): Checked {
  const steps = validateSteps(value);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

export type Checked = { snapshot: Snapshot } | { problem: string };

/** validateSnapshot a slice at a time: it yields between slices of its passes over
 *  the values, so a caller (engine-client.ts) can let the page run in between. */
export function* validateSteps(value: unknown): Generator<void, Checked, void> {
  try {
    check(typeof value === 'object' && value !== null, 'the result is not an object');
    const s = value as Record<string, unknown>;
    check(s.format === 'gradscope.graph/1', 'the result is not gradscope.graph/1');
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
    yield* groups(s.groups, array(s.nodes, 'nodes') as GraphNode[]);
    return { snapshot: value as Snapshot };
  } catch (e) {
    if (e instanceof Invalid) return { problem: e.message };
    throw e;
  }
}
