// How a snapshot travels from the engine worker to the page. Structured-cloning
// a Snapshot copies every node and step as an object, and the page decodes all
// of them in one task before it can do anything: 0.6 s for micrograd's demo
// step, seconds for a training run (bench:main-thread). Here the values and
// the backward calls go as columns of typed arrays, whose buffers are
// transferred, not copied; the page turns them into the Snapshot it uses a
// slice at a time (decodeNodes, decodeCalls), between other work. The rest
// (console, plots, groups, …) is small and goes as it is.

import { opNames } from './ops.js';
import type { BackwardCall, BackwardStep, GraphNode, Group, Snapshot } from './snapshot.js';

export interface WireNodes {
  id: Int32Array;
  /** 0: a leaf; n: opNames[n - 1]. */
  op: Uint8Array;
  /** The op's constant where the op has one, else NaN (then the node has no `k`). */
  k: Float64Array;
  data: Float64Array;
  grad: Float64Array;
  /** Node n's inputs are inputs[inputStart[n] … inputStart[n + 1]). */
  inputStart: Int32Array;
  inputs: Int32Array;
  /** 1-based source position; line 0: none. */
  line: Int32Array;
  column: Int32Array;
  /** Index into `strings`, or -1 for null. */
  label: Int32Array;
  module: Int32Array;
  /** Innermost group, or -1 for null (-2: the snapshot has no `group` fields). */
  group: Int32Array;
  strings: string[];
}

export interface WireCall {
  root: number;
  /** Step s ran node stepNode[s] and added delta[d] to deltaId[d]'s grad, for d in stepStart[s] … stepStart[s + 1]. */
  stepNode: Int32Array;
  stepStart: Int32Array;
  deltaId: Int32Array;
  delta: Float64Array;
  gradsBeforeId: Int32Array;
  gradsBefore: Float64Array;
  leafDataId: Int32Array;
  leafData: Float64Array;
}

/** Snapshot.groups as columns; group g's id is g. */
export interface WireGroups {
  /** Index into `labels`. */
  label: Int32Array;
  /** Index into groupKinds. */
  kind: Uint8Array;
  /** -1 for null. */
  parent: Int32Array;
  size: Int32Array;
  /** -1 for null. */
  output: Int32Array;
  labels: string[];
}

const groupKinds: Group['kind'][] = ['module', 'function', 'chain'];

export interface WireSnapshot extends Omit<Snapshot, 'nodes' | 'backward' | 'groups'> {
  wire: 1;
  nodes: WireNodes;
  backward: WireCall[];
  /** Absent when the snapshot has no `groups`. */
  groups?: WireGroups;
}

/** The snapshot as columns, and the buffers to transfer with it. */
export function encodeSnapshot(snapshot: Snapshot): { wire: WireSnapshot; transfer: ArrayBuffer[] } {
  const { nodes: list, backward, groups: groupList } = snapshot;
  const count = list.length;
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const intern = (text: string | null) => {
    if (text === null) return -1;
    let i = stringIndex.get(text);
    if (i === undefined) {
      i = strings.push(text) - 1;
      stringIndex.set(text, i);
    }
    return i;
  };
  const opCode = new Map(opNames.map((op, n) => [op as string, n + 1]));
  let inputCount = 0;
  for (const node of list) inputCount += node.inputs.length;
  const nodes: WireNodes = {
    id: new Int32Array(count),
    op: new Uint8Array(count),
    k: new Float64Array(count),
    data: new Float64Array(count),
    grad: new Float64Array(count),
    inputStart: new Int32Array(count + 1),
    inputs: new Int32Array(inputCount),
    line: new Int32Array(count),
    column: new Int32Array(count),
    label: new Int32Array(count),
    module: new Int32Array(count),
    group: new Int32Array(count),
    strings,
  };
  let i = 0;
  for (let n = 0; n < count; n++) {
    const node = list[n];
    nodes.id[n] = node.id;
    nodes.op[n] = node.op === null ? 0 : opCode.get(node.op)!;
    nodes.k[n] = node.k ?? Number.NaN;
    nodes.data[n] = node.data;
    nodes.grad[n] = node.grad;
    nodes.inputStart[n] = i;
    for (const input of node.inputs) nodes.inputs[i++] = input;
    nodes.line[n] = node.loc?.line ?? 0;
    nodes.column[n] = node.loc?.column ?? 0;
    nodes.label[n] = intern(node.label);
    nodes.module[n] = intern(node.module);
    nodes.group[n] = node.group === undefined ? -2 : (node.group ?? -1);
  }
  nodes.inputStart[count] = i;
  const calls = backward.map(encodeCall);
  const groups = groupList === undefined ? undefined : encodeGroups(groupList);
  const transfer: ArrayBuffer[] = [];
  for (const columns of [nodes, ...calls, groups ?? {}]) {
    for (const column of Object.values(columns)) if (ArrayBuffer.isView(column)) transfer.push(column.buffer as ArrayBuffer);
  }
  // The snapshot's keys in their order (the columns replace their lists), so the page's JSON reads as the CLI's.
  const wire = { ...snapshot, nodes, backward: calls, wire: 1 } as WireSnapshot;
  if (groups === undefined) delete wire.groups;
  else wire.groups = groups;
  return { wire, transfer };
}

function encodeGroups(list: Group[]): WireGroups {
  const labels: string[] = [];
  const index = new Map<string, number>();
  const out: WireGroups = {
    label: new Int32Array(list.length),
    kind: new Uint8Array(list.length),
    parent: new Int32Array(list.length),
    size: new Int32Array(list.length),
    output: new Int32Array(list.length),
    labels,
  };
  for (const [g, group] of list.entries()) {
    let l = index.get(group.label);
    if (l === undefined) {
      l = labels.push(group.label) - 1;
      index.set(group.label, l);
    }
    out.label[g] = l;
    out.kind[g] = groupKinds.indexOf(group.kind);
    out.parent[g] = group.parent ?? -1;
    out.size[g] = group.size;
    out.output[g] = group.output ?? -1;
  }
  return out;
}

function encodeCall(call: BackwardCall): WireCall {
  const steps = call.steps.length;
  let deltas = 0;
  for (const step of call.steps) deltas += step.deltas.length;
  const out: WireCall = {
    root: call.root,
    stepNode: new Int32Array(steps),
    stepStart: new Int32Array(steps + 1),
    deltaId: new Int32Array(deltas),
    delta: new Float64Array(deltas),
    gradsBeforeId: Int32Array.from(call.gradsBefore, (p) => p[0]),
    gradsBefore: Float64Array.from(call.gradsBefore, (p) => p[1]),
    leafDataId: Int32Array.from(call.leafData, (p) => p[0]),
    leafData: Float64Array.from(call.leafData, (p) => p[1]),
  };
  let d = 0;
  for (let s = 0; s < steps; s++) {
    const step = call.steps[s];
    out.stepNode[s] = step.node;
    out.stepStart[s] = d;
    for (const [id, delta] of step.deltas) {
      out.deltaId[d] = id;
      out.delta[d++] = delta;
    }
  }
  out.stepStart[steps] = d;
  return out;
}

/** A wire snapshot that cannot be decoded: what is wrong with it. */
export class WireError extends Error {}

function check(ok: boolean, what: string): asserts ok {
  if (!ok) throw new WireError(what);
}

type ColumnType = new (length: number) => ArrayLike<number>;
const isColumn = (x: unknown, type: ColumnType, length: number): boolean => x instanceof type && (x as ArrayLike<number>).length >= length;

/** Decoding in progress: the page calls decodeNodes and decodeCalls a slice at a time. */
export class Decoder {
  readonly nodes: GraphNode[] = [];
  readonly backward: BackwardCall[] = [];
  readonly groups: Group[] = [];
  private readonly count: number;
  private readonly groupCount: number;
  private lastId = -1;
  /** Which ids are known: a bit per id up to maxId. */
  private readonly known: Uint8Array;
  private call = 0;
  private step = 0;
  private steps: BackwardStep[] = [];

  /** Checks the columns' types and lengths; ids above maxId are refused. */
  constructor(
    private readonly wire: WireSnapshot,
    private readonly maxId: number,
  ) {
    check(typeof wire === 'object' && wire !== null && wire.wire === 1 && wire.format === 'gradscope.graph/1', 'the result is not gradscope.graph/1');
    const w = wire.nodes;
    check(typeof w === 'object' && w !== null && w.id instanceof Int32Array, 'nodes are missing');
    const count = w.id.length;
    check(
      isColumn(w.op, Uint8Array, count) && isColumn(w.k, Float64Array, count) && isColumn(w.data, Float64Array, count) &&
        isColumn(w.grad, Float64Array, count) && isColumn(w.inputStart, Int32Array, count + 1) && w.inputs instanceof Int32Array &&
        isColumn(w.line, Int32Array, count) && isColumn(w.column, Int32Array, count) && isColumn(w.label, Int32Array, count) &&
        isColumn(w.module, Int32Array, count) && isColumn(w.group, Int32Array, count) && Array.isArray(w.strings),
      'the nodes are malformed',
    );
    check(w.strings.every((s) => typeof s === 'string'), 'a label or module path is not text');
    check(Array.isArray(wire.backward), 'backward is not a list');
    const g = wire.groups;
    this.groupCount = g === undefined ? 0 : (g?.label?.length ?? -1);
    if (g !== undefined) {
      const n = this.groupCount;
      check(
        typeof g === 'object' && g !== null && g.label instanceof Int32Array && isColumn(g.kind, Uint8Array, n) &&
          isColumn(g.parent, Int32Array, n) && isColumn(g.size, Int32Array, n) && isColumn(g.output, Int32Array, n) &&
          Array.isArray(g.labels) && g.labels.every((l) => typeof l === 'string'),
        'the groups are malformed',
      );
    }
    this.count = count;
    // Ids ascend (checked as they are decoded), so the last is the largest.
    this.known = new Uint8Array(Math.min(maxId, Math.max(0, count === 0 ? 0 : w.id[count - 1])) + 1);
  }

  get done(): boolean {
    return this.nodes.length === this.count && this.call === this.wire.backward.length && this.groups.length === this.groupCount;
  }

  /** Decodes up to `budget` more nodes or steps; true when everything is decoded. */
  next(budget: number): boolean {
    const end = Math.min(this.count, this.nodes.length + budget);
    const decodedNodes = end - this.nodes.length;
    this.decodeNodes(end);
    let left = budget - decodedNodes;
    while (left > 0 && this.call < this.wire.backward.length) left = this.decodeCall(left);
    if (left > 0 && this.call === this.wire.backward.length) this.decodeGroups(left);
    return this.done;
  }

  /** The snapshot, once done. */
  snapshot(): Snapshot {
    const decoded: Record<string, unknown> = { nodes: this.nodes, backward: this.backward, groups: this.groups };
    const snapshot: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this.wire)) if (key !== 'wire') snapshot[key] = key in decoded ? decoded[key] : value;
    return snapshot as unknown as Snapshot;
  }

  /** Groups refer to earlier groups as parents, and to known values as outputs. */
  private decodeGroups(budget: number): void {
    const w = this.wire.groups!;
    const end = Math.min(this.groupCount, this.groups.length + budget);
    for (let g = this.groups.length; g < end; g++) {
      const label = w.labels[w.label[g]];
      const kind = groupKinds[w.kind[g]];
      const parent = w.parent[g];
      const output = w.output[g];
      check(
        typeof label === 'string' && kind !== undefined && parent >= -1 && parent < g && w.size[g] >= 0 && (output === -1 || this.isKnown(output)),
        `group ${g} is malformed`,
      );
      this.groups.push({ id: g, label, kind, parent: parent < 0 ? null : parent, size: w.size[g], output: output < 0 ? null : output });
    }
  }

  private decodeNodes(end: number): void {
    const w = this.wire.nodes;
    const { strings, inputs } = w;
    for (let n = this.nodes.length; n < end; n++) {
      const id = w.id[n];
      check(id >= 0 && id <= this.maxId, `value ${n} has id ${id}: ids are whole numbers from 0 to ${this.maxId}`);
      check(id > this.lastId, `value ${n} has id ${id}, not after the one before (${this.lastId})`);
      const code = w.op[n];
      check(code <= opNames.length, `value #${id} has an unknown op`);
      const from = w.inputStart[n];
      const to = w.inputStart[n + 1];
      check(from >= 0 && from <= to && to <= inputs.length, `value #${id} has malformed inputs`);
      const list: number[] = [];
      for (let i = from; i < to; i++) {
        const input = inputs[i];
        check(input >= 0 && input < id && this.known[input] === 1, `value #${id} has an input that is not an earlier value`);
        list.push(input);
      }
      const data = w.data[n];
      const grad = w.grad[n];
      const line = w.line[n];
      const node: GraphNode = {
        id,
        label: this.text(w.label[n], strings, id),
        op: code === 0 ? null : opNames[code - 1],
        data,
        grad,
        inputs: list,
        loc: line > 0 ? { line, column: w.column[n] } : null,
        module: this.text(w.module[n], strings, id),
        nonFinite: !Number.isFinite(data) || !Number.isFinite(grad),
      };
      if (!Number.isNaN(w.k[n])) node.k = w.k[n];
      const group = w.group[n];
      check(group >= -2 && group < this.groupCount, `value #${id} names an unknown group`);
      if (group !== -2) node.group = group < 0 ? null : group;
      this.known[id] = 1;
      this.lastId = id;
      this.nodes.push(node);
    }
  }

  private text(index: number, strings: string[], id: number): string | null {
    if (index === -1) return null;
    check(index >= 0 && index < strings.length, `value #${id} has a label or module path that is not text`);
    return strings[index];
  }

  private isKnown(id: number): boolean {
    return id >= 0 && id < this.known.length && this.known[id] === 1;
  }

  /** Decodes up to `budget` steps of the current call; returns the budget left. */
  private decodeCall(budget: number): number {
    const c = this.call;
    const w = this.wire.backward[c];
    const name = `backward call ${c + 1}`;
    if (this.step === 0) {
      check(
        typeof w === 'object' && w !== null && w.stepNode instanceof Int32Array && isColumn(w.stepStart, Int32Array, w.stepNode.length + 1) &&
          w.deltaId instanceof Int32Array && isColumn(w.delta, Float64Array, w.deltaId.length) &&
          w.gradsBeforeId instanceof Int32Array && isColumn(w.gradsBefore, Float64Array, w.gradsBeforeId.length) &&
          w.leafDataId instanceof Int32Array && isColumn(w.leafData, Float64Array, w.leafDataId.length),
        `${name} is malformed`,
      );
      check(this.isKnown(w.root), `${name} has an unknown root`);
      this.steps = [];
    }
    const total = w.stepNode.length;
    const end = Math.min(total, this.step + budget);
    for (let s = this.step; s < end; s++) {
      const node = w.stepNode[s];
      check(this.isKnown(node), `step ${s + 1} of call ${c + 1} names an unknown value`);
      const from = w.stepStart[s];
      const to = w.stepStart[s + 1];
      check(from >= 0 && from <= to && to <= w.deltaId.length, `step ${s + 1} of call ${c + 1} is malformed`);
      const deltas: [number, number][] = [];
      for (let d = from; d < to; d++) {
        check(this.isKnown(w.deltaId[d]), `step ${s + 1} of call ${c + 1}[${d - from}] is not an [id, number] pair of a known value`);
        deltas.push([w.deltaId[d], w.delta[d]]);
      }
      this.steps.push({ node, deltas });
    }
    const used = end - this.step;
    this.step = end;
    if (end === total) {
      this.backward.push({
        root: w.root,
        steps: this.steps,
        gradsBefore: this.pairs(w.gradsBeforeId, w.gradsBefore, `call ${c + 1}'s grads before`),
        leafData: this.pairs(w.leafDataId, w.leafData, `call ${c + 1}'s leaf data`),
      });
      this.call++;
      this.step = 0;
    }
    return budget - Math.max(used, 1);
  }

  private pairs(ids: Int32Array, values: Float64Array, what: string): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < ids.length; i++) {
      check(this.isKnown(ids[i]), `${what}[${i}] is not an [id, number] pair of a known value`);
      out.push([ids[i], values[i]]);
    }
    return out;
  }
}
