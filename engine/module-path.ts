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
  const previous = moduleId;
  let id = index.get(path);
  if (id === undefined) {
    id = paths.push(path) - 1;
    index.set(path, id);
  }
  moduleId = id;
  try {
    return caller === undefined ? fn() : moduleCall(caller, path, fn);
  } finally {
    moduleId = previous;
  }
}
