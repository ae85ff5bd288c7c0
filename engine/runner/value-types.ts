// A program can give a Value the wrong kind of thing: `new Value('2')`,
// `new Value(1, 42)`, `a.data = null`, `a.label = {}`. JavaScript lets it;
// everything that reads the graph later (tables, DOT, the view) expects
// numbers and text. So after a run the values are checked: the first wrong
// one becomes an error at the line that created it, and the fields are made
// readable (data → NaN, label → text) so the rest of the graph still shows.

import type { Trace } from '../trace.js';
import type { RunError } from '../snapshot.js';

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x === 'string') return `the text ${JSON.stringify(x.length > 20 ? `${x.slice(0, 20)}…` : x)}`;
  if (Array.isArray(x)) return 'an array';
  return typeof x === 'object' ? 'an object' : `a ${typeof x}`;
}

/** The first value of the wrong type, as a located error (null when all are fine); repairs every wrong value. */
export function checkValueTypes(trace: Trace): RunError | null {
  let first: RunError | null = null;
  for (const v of trace.nodes) {
    const wrong: string[] = [];
    if (typeof v.data !== 'number') wrong.push(`its data is ${describe(v.data)}, not a number`);
    if (typeof v.grad !== 'number') wrong.push(`its grad is ${describe(v.grad)}, not a number`);
    if (v.label !== null && typeof v.label !== 'string') wrong.push(`its label is ${describe(v.label)}, not text`);
    if (wrong.length === 0) continue;
    if (first === null) {
      const loc = trace.loc(v.site);
      const name = typeof v.label === 'string' ? ` ${v.label}` : '';
      first = { message: `the Value${name} made here is of the wrong type: ${wrong.join('; ')}`, line: loc?.line ?? null, column: loc?.column ?? null, kind: 'runtime' };
    }
    if (typeof v.data !== 'number') v.data = Number.NaN;
    if (typeof v.grad !== 'number') v.grad = Number.NaN;
    if (v.label !== null && typeof v.label !== 'string') v.label = String(v.label);
  }
  return first;
}
