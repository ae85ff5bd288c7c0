// The nn module Values are being created in (e.g. `layer0.neuron3`), so that
// the app can group a network's thousands of values. Set by nn, read by Value.
// Paths are kept as small numbers (an index into `paths`) so that a value
// stores four bytes, not a string.

import { moduleCall } from './group/calls.js';

const paths: (string | null)[] = [null];
const index = new Map<string, number>();

/** The path Values are being created in now, as an index into the path list; 0 for none. */
export let moduleId = 0;

/** The path with index `id`, or null. */
export function modulePath(id: number): string | null {
  return paths[id] ?? null;
}

/** Runs `fn` with Values created inside it tagged with the module `path`;
 *  `caller`, when given, is the module whose forward `fn` is: while tracing,
 *  its call becomes a group (group/calls.ts). */
export function inModule<T>(path: string, fn: () => T, caller?: object): T {
  const previous = enterModule(pathId(path));
  try {
    return caller === undefined ? fn() : moduleCall(caller, path, fn);
  } finally {
    moduleId = previous;
  }
}

/** The id of module path `path`, the same for the same text. */
export function pathId(path: string): number {
  let id = index.get(path);
  if (id === undefined) {
    id = paths.push(path) - 1;
    index.set(path, id);
  }
  return id;
}

/** inModule without a closure, for a hot caller that knows its path's id:
 *  Values made from now on carry path `id`; returns the id before, which the
 *  caller must give to leaveModule (in a `finally`). */
export function enterModule(id: number): number {
  const previous = moduleId;
  moduleId = id;
  return previous;
}

export function leaveModule(previous: number): void {
  moduleId = previous;
}
