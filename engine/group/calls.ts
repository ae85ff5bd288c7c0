// The calls a traced program makes that may become groups in the app: each
// call of an nn Module's forward, and each call of a function the user wrote.
// A program runs one call at a time, so the values a call makes are exactly
// the ids created between its start and its end: a call is an interval of
// ids, and calls nest as intervals do. Nothing is stored per value; the
// snapshot finds each value's innermost call by sweeping ids (groups.ts).
// Outside a trace `active` is null and a call costs one comparison.

import { Value } from '../value.js';

/** A module call is always a group; a function call only when it made many values;
 *  a dissolved one (too few values, or only one module call) is not a group. */
export const CallKind = { Module: 0, Function: 1, Dissolved: 2 } as const;
export type CallKind = (typeof CallKind)[keyof typeof CallKind];

/** Fewest values a call of a user's function makes to be a group of its own. */
export const minFunctionGroup = 50;

export class CallLog {
  // One entry per call, in the order they started (so a call's parent comes first).
  readonly kind: CallKind[] = [];
  /** Index into `names`. */
  readonly name: number[] = [];
  /** A module call's number among the calls of its module (1, 2, …); 0 for a function. */
  readonly number: number[] = [];
  /** The enclosing call's index, or -1. */
  readonly parent: number[] = [];
  /** First id made in the call, and one past the last (-1 while it runs). */
  readonly start: number[] = [];
  readonly end: number[] = [];
  /** The id of the Value the call returned, when the call made it; else -1. */
  readonly output: number[] = [];
  /** Module paths and function names, by index. */
  readonly names: string[] = [];
  private readonly nameIndex = new Map<string, number>();
  /** Calls so far of each module instance. */
  private readonly calls = new WeakMap<object, number>();
  /** The call running now, or -1. */
  private open = -1;

  /** `nextId()` is the id the next Value will get. */
  constructor(private readonly nextId: () => number) {}

  get length(): number {
    return this.kind.length;
  }

  /** Starts a call of module instance `owner`, labelled by its path `name`; returns its index. */
  enterModule(owner: object, name: string): number {
    const n = (this.calls.get(owner) ?? 0) + 1;
    this.calls.set(owner, n);
    return this.enter(CallKind.Module, this.nameOf(name), n);
  }

  /** Starts a call of the user's function `name`. */
  enterFunction(name: string): number {
    return this.enter(CallKind.Function, this.nameOf(name), 0);
  }

  /** Ends call `c` (and any call inside it left open by a throw); `result` is what it returned. */
  exit(c: number, result: unknown): void {
    while (this.open > c) this.exit(this.open, undefined);
    if (this.open !== c) return; // already ended
    const end = this.nextId();
    this.end[c] = end;
    this.open = this.parent[c];
    const id = result instanceof Value ? result.id : -1;
    if (id >= this.start[c] && id < end) this.output[c] = id;
    if (this.kind[c] === CallKind.Function && !this.keepsFunction(c, end)) this.dissolve(c);
  }

  /** A function's call is a group when it made many values, and more than one module call. */
  private keepsFunction(c: number, end: number): boolean {
    if (end - this.start[c] < minFunctionGroup) return false;
    const last = this.length - 1;
    const onlyChild = last > c && this.parent[c + 1] === c && this.end[c + 1] === end && this.start[c + 1] === this.start[c];
    return !onlyChild;
  }

  /** Drops call c; its values and calls belong to its parent. The last call
   *  entered is removed outright, so small helper functions called a million
   *  times leave nothing behind. */
  private dissolve(c: number): void {
    if (c !== this.length - 1) {
      this.kind[c] = CallKind.Dissolved;
      return;
    }
    for (const list of [this.kind, this.name, this.number, this.parent, this.start, this.end, this.output]) list.pop();
  }

  private enter(kind: CallKind, name: number, number: number): number {
    const c = this.length;
    this.kind.push(kind);
    this.name.push(name);
    this.number.push(number);
    this.parent.push(this.open);
    this.start.push(this.nextId());
    this.end.push(-1);
    this.output.push(-1);
    this.open = c;
    return c;
  }

  private nameOf(name: string): number {
    let i = this.nameIndex.get(name);
    if (i === undefined) {
      i = this.names.push(name) - 1;
      this.nameIndex.set(name, i);
    }
    return i;
  }

  /** Ends every call still open (a program stopped inside them). */
  closeAll(): void {
    while (this.open >= 0) this.exit(this.open, undefined);
  }
}

/** The log of the trace running now, or null outside a trace. */
let active: CallLog | null = null;

/** Runs `fn` with `log` noting calls (null: none), restoring the previous log afterwards. */
export function withCalls<T>(log: CallLog | null, fn: () => T): T {
  const previous = active;
  active = log;
  try {
    return fn();
  } finally {
    active = previous;
  }
}

/** Whether calls are being noted (a trace runs): moduleCall is then more than `fn()`. */
export function notingCalls(): boolean {
  return active !== null;
}

/** Runs `fn`, a call of module `owner`'s forward, as a group while tracing. */
export function moduleCall<T>(owner: object, name: string, fn: () => T): T {
  const log = active;
  if (log === null) return fn();
  const c = log.enterModule(owner, name);
  let result: T | undefined;
  try {
    result = fn();
    return result;
  } finally {
    log.exit(c, result);
  }
}

/** Called by the instrumented program when a function of the user's starts; returns the call. */
export function enterFunction(name: string): number {
  return active === null ? -1 : active.enterFunction(name);
}

/** Called when that function returns or throws. */
export function exitFunction(c: number): void {
  if (active !== null && c >= 0) active.exit(c, undefined);
}
