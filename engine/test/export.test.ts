// Graph export: DOT in draw_dot's look, checked by Graphviz itself, and the
// CLI's `export` command.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { run } from '../runner/run.js';
import { toDot } from '../export/dot.js';
import { defaultGraph } from '../export/graph.js';
import type { Snapshot } from '../../common/snapshot.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'dist/engine/node/cli.js');
const readme = readFileSync(join(root, 'examples/micrograd-readme.ts'), 'utf8');
const hasDot = spawnSync('dot', ['-V']).status === 0;
if (!hasDot) console.log('Graphviz `dot` is not installed (apt-get install graphviz): the DOT files are checked by text only.');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gradscope-export-'));
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Graphviz's own reading of a DOT file: its layout as JSON. */
function graphviz(dot: string): { objects: { name: string; label: string; shape?: string }[]; edges?: unknown[] } {
  return JSON.parse(execFileSync('dot', ['-Tjson'], { input: dot }).toString());
}

describe('DOT export', () => {
  test('Graphviz accepts it and sees a record per value and a node per op', () => {
    const snapshot = run(readme);
    const dot = toDot(defaultGraph(snapshot));
    expect(dot).toContain('rankdir=LR');
    const values = snapshot.nodes.length;
    const ops = snapshot.nodes.filter((n) => n.op !== null).length;
    if (!hasDot) return;
    const layout = graphviz(dot);
    const records = layout.objects.filter((o) => o.shape === 'record');
    expect(records).toHaveLength(values);
    expect(layout.objects).toHaveLength(values + ops);
    // Each op node has one edge out and one per input in.
    const inputs = snapshot.nodes.reduce((sum, n) => sum + n.inputs.length, 0);
    expect(layout.edges).toHaveLength(ops + inputs);
  });

  test('a value reads { label | data %.4f | grad %.4f }, as micrograd draws it', () => {
    const snapshot = run('const a = new Value(-4.0); const g = a.mul(a).add(1.5); g.backward();');
    const dot = toDot(defaultGraph(snapshot));
    // a.grad = 2a = -8; g = 17.5; the op symbols are the app's.
    expect(dot).toContain('label="{ a | data -4.0000 | grad -8.0000 }"');
    expect(dot).toContain('label="{ g | data 17.5000 | grad 1.0000 }"');
    expect(dot).toMatch(/label="×"/);
    expect(dot).toMatch(/label="\+"/);
  });

  test('labels with record syntax and non-finite numbers still make a valid file', () => {
    const snapshot = run('const a = new Value(-1, "{x|<y>}"); const b = a.log(); b.label = \'say "hi"\'; b.backward();');
    const dot = toDot(defaultGraph(snapshot));
    expect(dot).toContain('data NaN');
    expect(dot).toContain('color="#d62728"');
    if (hasDot) expect(graphviz(dot).objects.some((o) => o.shape === 'record')).toBe(true);
  });

  test('the grads drawn are the ones given: an export shows the current step', () => {
    const snapshot = run('const a = new Value(2); const b = a.mul(3); b.backward();');
    const atStart = snapshot.nodes.map((n) => ({ ...n, grad: 0 }));
    const dot = toDot(atStart, { current: snapshot.backward[0].root });
    expect(dot).toContain('{ a | data 2.0000 | grad 0.0000 }');
    expect(dot).toMatch(/v2 \[shape=record[^\]]*fillcolor/);
  });
});

describe('gradscope export', () => {
  test('--format dot -o writes a file Graphviz can draw', () => {
    const src = join(dir, 'readme.ts');
    writeFileSync(src, readme);
    const out = join(dir, 'readme.dot');
    execFileSync('node', [cli, 'export', src, '--format', 'dot', '-o', out]);
    const dot = readFileSync(out, 'utf8');
    expect(dot).toContain('{ a | data -4.0000 | grad 138.8338 }');
    expect(dot).toContain('{ b | data 2.0000 | grad 645.5773 }');
    if (hasDot) {
      execFileSync('dot', ['-Tsvg', out, '-o', join(dir, 'readme.svg')]);
      expect(statSync(join(dir, 'readme.svg')).size).toBeGreaterThan(1000);
    }
  });

  test('--format json prints the same graph as eval --json', () => {
    const src = join(dir, 'neuron.ts');
    writeFileSync(src, readFileSync(join(root, 'examples/tanh-neuron.ts'), 'utf8'));
    const exported = JSON.parse(execFileSync('node', [cli, 'export', src, '--format', 'json']).toString()) as Snapshot;
    const evaluated = JSON.parse(execFileSync('node', [cli, 'eval', src, '--json']).toString()) as Snapshot;
    expect(exported).toEqual(evaluated);
    expect(exported.nodes.find((n) => n.label === 'x1')!.grad).toBeCloseTo(-1.5, 12);
  });

  test('a missing or unknown --format is a usage error (exit 2)', () => {
    const src = join(dir, 'neuron.ts');
    for (const args of [['export', src], ['export', src, '--format', 'bmp']]) {
      const result = spawnSync('node', [cli, ...args]);
      expect(result.status).toBe(2);
      expect(result.stderr.toString()).toContain('export needs --format dot, json, svg, png or gif');
    }
  });
});
