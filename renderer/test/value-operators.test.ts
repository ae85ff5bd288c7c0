// The editor's filter for TypeScript's complaints about micrograd's operators,
// fed with what the real TypeScript checker says about real programs (the
// engine's own sources for types, in scope as the runner puts them).

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { expect, test } from 'vitest';
import { isValueOperatorComplaint } from '../src/editor/value-operators.js';

const api = new URL('../../engine/api.ts', import.meta.url).pathname.replace(/\.ts$/, '.js');
// Programs' Value, callable without `new` too (what gen-engine-dts.mjs declares for the editor).
const callable = new URL('../../engine/runner/callable-value.ts', import.meta.url).pathname.replace(/\.ts$/, '.js');

/** TypeScript's diagnostics for `program`, as [code, message, underlined text], then what the filter keeps. */
function check(program: string): { all: string[]; kept: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'gs-ops-'));
  writeFileSync(join(dir, 'globals.d.ts'), `declare const Value: typeof import('${callable}').CallableValue;\ntype Value = import('${api}').Value;\n`);
  writeFileSync(join(dir, 'program.ts'), `${program}\nexport {};\n`);
  const host = ts.createProgram([join(dir, 'globals.d.ts'), join(dir, 'program.ts')], {
    strict: true, noEmit: true, target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: true, allowImportingTsExtensions: false,
  });
  const file = host.getSourceFile(join(dir, 'program.ts'))!;
  const all: string[] = [];
  const kept: string[] = [];
  for (const d of host.getSemanticDiagnostics(file)) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const text = file.text.slice(d.start!, d.start! + d.length!);
    all.push(`${d.code} ${message}`);
    if (!isValueOperatorComplaint(d.code, message, text)) kept.push(`${d.code} ${text}`);
  }
  return { all, kept };
}

test("micrograd's README example with operators has no type errors left in the editor", () => {
  const readmeOperators = readFileSync(new URL('../../engine/test/fixtures/micrograd-readme-operators.txt', import.meta.url), 'utf8');
  const { all, kept } = check(`${readmeOperators}const v: Value = a * 2;
console.log(g.data, a.grad, b.grad, v.grad);`);
  expect(all.length).toBeGreaterThan(5); // TypeScript alone complains
  expect(kept).toEqual([]);
}, 60_000);

test("micrograd's README example verbatim, Value(…) without new, has no type errors left either", () => {
  const readmeOperators = readFileSync(new URL('../../engine/test/fixtures/micrograd-readme-operators.txt', import.meta.url), 'utf8');
  const withoutNew = readmeOperators.replace(/new Value\(/g, 'Value(');
  expect(withoutNew).not.toContain('new ');
  const { kept } = check(`${withoutNew}const v: Value = Value(1, 'v').add(a);
class Mine extends Value {}
const m: Value = new Mine(2);
console.log(g.data, a.grad, b.grad, v.grad, m.data);`);
  expect(kept).toEqual([]);
  // Still a Value, so misuse is still an error.
  expect(check('const x = Value(1);\nx.nosuch();\nValue("one");').kept).toEqual(['2339 nosuch', "2345 \"one\""]);
}, 60_000);

test('real type errors next to Value operators stay', () => {
  const { kept } = check(`const a = new Value(2);
const n: string = a.mul(3).data;
const s = 'x' * 2;
const b = a * 2;
b.nosuch();
const m = Math.max(1, 2);
m.nosuch2();`);
  expect(kept).toEqual(["2322 n", "2362 'x'", '2339 nosuch', '2339 nosuch2']);
}, 60_000);
