// The nn module Values are being created in (e.g. `layer0.neuron3`), so that
// the app can group a network's thousands of values. Set by nn, read by Value.

export let modulePath: string | null = null;

/** Runs `fn` with Values created inside it tagged with the module `path`. */
export function inModule<T>(path: string, fn: () => T): T {
  const previous = modulePath;
  modulePath = path;
  try {
    return fn();
  } finally {
    modulePath = previous;
  }
}
