// The worker → page wire form (common/wire.ts): real runs' snapshots, encoded
// as the worker does and decoded a slice at a time as the page does, come
// back equal to the runner's; a tampered or malformed wire form is refused
// with a message that says what is wrong.

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { run } from '../runner/run.js';
import { Decoder, WireError, encodeSnapshot, type WireSnapshot } from '../../common/wire.js';
import type { Snapshot } from '../../common/snapshot.js';

const maxId = 2 ** 25;

/** Decodes as the page does: small slices until done. */
function decode(wire: WireSnapshot, slice = 7): Snapshot {
  const decoder = new Decoder(wire, maxId);
  let slices = 0;
  while (!decoder.next(slice)) slices++;
  expect(slices).toBeGreaterThanOrEqual(0);
  return decoder.snapshot();
}

/** Through structuredClone, as postMessage delivers it (buffers transferred). */
function send(snapshot: Snapshot): WireSnapshot {
  const { wire, transfer } = encodeSnapshot(snapshot);
  return structuredClone(wire, { transfer });
}

const programs: [string, string][] = [
  ['the README example', readFileSync(new URL('../../examples/micrograd-readme.ts', import.meta.url), 'utf8')],
  ['a tiny MLP trained 30 steps (groups, chains, many calls)', readFileSync(new URL('../../examples/tiny-mlp.ts', import.meta.url), 'utf8')],
  ['non-finite values, pow and leakyRelu constants, a value without a source position', `
const a = new Value(-2, 'a');
const d = a.log();
const e = a.pow(3).leakyRelu(0.2).add(a.exp());
const f = new Value(0).div(0);
e.add(d).add(f).backward();
`],
  ['a failed run', 'const a = new Value(1);\nthrow new Error("no");\n'],
];

describe('a snapshot survives the wire', () => {
  for (const [name, source] of programs) {
    test(name, () => {
      const snapshot = run(source);
      const back = decode(send(snapshot));
      // toEqual treats a missing `k` and `k: undefined` alike; compare JSON too, where they differ.
      expect(back).toEqual(snapshot);
      expect(JSON.stringify(back)).toBe(JSON.stringify(snapshot));
    });
  }

  test('what crosses is typed arrays, whose buffers are transferred, not copied', () => {
    const snapshot = run(readFileSync(new URL('../../examples/tiny-mlp.ts', import.meta.url), 'utf8'));
    const { wire, transfer } = encodeSnapshot(snapshot);
    expect(wire.nodes.data).toBeInstanceOf(Float64Array);
    expect(wire.nodes.data.length).toBe(snapshot.nodes.length);
    expect(transfer).toContain(wire.nodes.data.buffer);
    expect(transfer).toContain(wire.backward[0].delta.buffer);
    structuredClone(wire, { transfer });
    expect(wire.nodes.data.byteLength).toBe(0); // detached: it moved
  });
});

describe('a tampered wire form is refused, saying what is wrong', () => {
  const source = 'const a = new Value(1, "a");\nconst b = a.mul(2);\nb.backward();\n';
  const refused = (tamper: (w: WireSnapshot) => void): string => {
    const wire = send(run(source));
    tamper(wire);
    try {
      decode(wire);
    } catch (e) {
      expect(e).toBeInstanceOf(WireError);
      return (e as Error).message;
    }
    throw new Error('decoded a tampered snapshot');
  };

  test('an id out of range, or not after the one before', () => {
    expect(refused((w) => { w.nodes.id[0] = 2 ** 31 - 2; })).toBe('value 0 has id 2147483646: ids are whole numbers from 0 to 33554432');
    expect(refused((w) => { w.nodes.id[1] = 0; })).toBe('value 1 has id 0, not after the one before (0)');
  });

  test('an input that is not an earlier value, an unknown op, a label that is not text', () => {
    expect(refused((w) => { w.nodes.inputs[0] = 5; })).toMatch(/has an input that is not an earlier value/);
    expect(refused((w) => { w.nodes.op[2] = 200; })).toMatch(/has an unknown op/);
    expect(refused((w) => { w.nodes.label[0] = 99; })).toMatch(/label or module path that is not text/);
    expect(refused((w) => { (w.nodes.strings as unknown[])[0] = {}; })).toBe('a label or module path is not text');
  });

  test('columns of the wrong type or length, and steps naming unknown values', () => {
    expect(refused((w) => { (w.nodes as unknown as Record<string, unknown>).data = [1, 2, 3]; })).toBe('the nodes are malformed');
    expect(refused((w) => { w.nodes.grad = new Float64Array(1); })).toBe('the nodes are malformed');
    expect(refused((w) => { w.backward[0].stepNode[0] = 77; })).toBe('step 1 of call 1 names an unknown value');
    expect(refused((w) => { w.backward[0].root = 77; })).toBe('backward call 1 has an unknown root');
    expect(refused((w) => { w.backward[0].stepStart[1] = 1e6; })).toMatch(/step 1 of call 1 is malformed/);
  });
});

test('groups cross as columns and come back in order; a group naming a later parent is refused', () => {
  const snapshot = run(readFileSync(new URL('../../examples/tiny-mlp.ts', import.meta.url), 'utf8'));
  expect(snapshot.groups!.length).toBeGreaterThan(30 * 4);
  const wire = send(snapshot);
  expect(wire.groups!.size).toBeInstanceOf(Int32Array);
  expect(decode(wire, 50).groups).toEqual(snapshot.groups);
  const bad = send(snapshot);
  bad.groups!.parent[0] = 5;
  expect(() => decode(bad)).toThrow('group 0 is malformed');
  const unknown = send(snapshot);
  const member = unknown.nodes.group.findIndex((g) => g >= 0);
  unknown.nodes.group[member] = snapshot.groups!.length;
  expect(() => decode(unknown)).toThrow(`value #${unknown.nodes.id[member]} names an unknown group`);
});
