// The PyTorch float64 reference cases (fixtures/oracle/torch-grad-cases.json,
// the project's copy of the public oracle data set): every node's data and grad
// must match.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { Value } from '../value.js';

interface OracleNode {
  op: 'leaf' | 'add' | 'sub' | 'mul' | 'div' | 'neg' | 'pow' | 'relu' | 'tanh' | 'exp' | 'log' | 'sigmoid';
  data?: number;
  args?: number[];
  k?: number;
}
interface OracleCase {
  name: string;
  nodes: OracleNode[];
  out: number;
  data: number[];
  grad: number[];
  labels?: Record<string, number>;
}

const oraclePath = fileURLToPath(new URL('./fixtures/oracle/torch-grad-cases.json', import.meta.url));
const cases = JSON.parse(readFileSync(oraclePath, 'utf8')) as OracleCase[];

function build(c: OracleCase): Value[] {
  const values: Value[] = [];
  for (const node of c.nodes) {
    const [i, j] = node.args ?? [];
    const a = values[i];
    const b = values[j];
    let v: Value;
    switch (node.op) {
      case 'leaf': v = new Value(node.data!); break;
      case 'add': v = a.add(b); break;
      case 'sub': v = a.sub(b); break;
      case 'mul': v = a.mul(b); break;
      case 'div': v = a.div(b); break;
      case 'neg': v = a.neg(); break;
      case 'pow': v = a.pow(node.k!); break;
      case 'relu': v = a.relu(); break;
      case 'tanh': v = a.tanh(); break;
      case 'exp': v = a.exp(); break;
      case 'log': v = a.log(); break;
      case 'sigmoid': v = a.sigmoid(); break;
      default: throw new Error(`unknown op ${String(node.op)}`);
    }
    values.push(v);
  }
  return values;
}

/** Within 1e-9 relative, or 1e-12 absolute near zero. */
function agrees(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= Math.max(1e-9 * Math.abs(expected), 1e-12);
}

describe('PyTorch float64 reference cases', () => {
  test('the oracle file is there and holds the README case, random cases and MLPs', () => {
    expect(cases.length).toBeGreaterThan(100);
    const names = cases.map((c) => c.name);
    expect(names).toContain('micrograd-readme');
    expect(names.some((n) => n.startsWith('mlp-'))).toBe(true);
    expect(names.some((n) => n.startsWith('random-'))).toBe(true);
  });

  test.each(cases.map((c) => [c.name, c] as const))('%s: data and grad of every node match PyTorch', (_name, c) => {
    const values = build(c);
    values[c.out].backward();
    const mismatches: string[] = [];
    values.forEach((v, i) => {
      if (!agrees(v.data, c.data[i])) mismatches.push(`node ${i} (${c.nodes[i].op}) data ${v.data} ≠ ${c.data[i]}`);
      if (!agrees(v.grad, c.grad[i])) mismatches.push(`node ${i} (${c.nodes[i].op}) grad ${v.grad} ≠ ${c.grad[i]}`);
    });
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  test("the README case's labelled nodes give micrograd's published numbers", () => {
    const c = cases.find((x) => x.name === 'micrograd-readme')!;
    expect(c.labels).toBeDefined();
    const { a, b, g } = c.labels!;
    const values = build(c);
    values[c.out].backward();
    expect(g).toBe(c.out);
    expect(values[g].data.toFixed(4)).toBe('24.7041');
    expect(values[a].grad.toFixed(4)).toBe('138.8338');
    expect(values[b].grad.toFixed(4)).toBe('645.5773');
  });
});
