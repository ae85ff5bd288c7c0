// The editor's types for programs (renderer/scripts/gen-engine-dts.mjs):
// every shipped example, and a program that uses every name the runner puts
// in scope, type-check with no error, as Monaco checks them.

import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, test } from 'vitest';
import { run } from '../../engine/runner/run.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const examplesDir = new URL('../../examples/', import.meta.url);
let lib = '';
const parsed = new Map<string, ts.SourceFile | undefined>();

beforeAll(() => {
  // dist/engine is built by vitest's global setup.
  execFileSync('node', ['renderer/scripts/gen-engine-dts.mjs'], { cwd: root, stdio: 'pipe' });
  lib = readFileSync(new URL('../src/generated/gradscope-lib.d.ts.txt', import.meta.url), 'utf8');
}, 60_000);

/** Type errors of `source` as Monaco reports them (its options in editor/monaco.ts). */
function typeErrors(source: string): string[] {
  const files: Record<string, string> = { '/program.ts': source, '/node_modules/@types/gradscope/index.d.ts': lib };
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true, noEmit: true, lib: ['lib.esnext.full.d.ts'], types: [], moduleDetection: ts.ModuleDetectionKind.Force,
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  host.readFile = (f) => files[f] ?? read(f);
  host.fileExists = (f) => f in files || exists(f);
  const getSource = host.getSourceFile.bind(host);
  host.getSourceFile = (f, v) => {
    if (f === '/program.ts') return ts.createSourceFile(f, source, v);
    // The standard and gradscope libs are the same for every program: parse them once.
    if (!parsed.has(f)) parsed.set(f, f in files ? ts.createSourceFile(f, files[f]!, v) : getSource(f, v));
    return parsed.get(f);
  };
  const program = ts.createProgram(['/program.ts', '/node_modules/@types/gradscope/index.d.ts'], options, host);
  // Monaco marks the program's own errors (never those inside its extra libs).
  const file = program.getSourceFile('/program.ts')!;
  const diagnostics = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
  return diagnostics.map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : null;
    return `${d.file?.fileName ?? ''}:${where ? where.line + 1 : '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('program types in the editor', () => {
  for (const file of readdirSync(examplesDir).filter((f) => f.endsWith('.ts'))) {
    test(`examples/${file} shows no type error`, () => {
      expect(typeErrors(readFileSync(new URL(file, examplesDir), 'utf8'))).toEqual([]);
    });
  }

  test("Value(…) without new, as micrograd writes it, global and imported, is no type error", () => {
    const source = `import { Value as V } from 'gradscope';
const a = Value(2.0, 'a');
const b: Value = V(-3.0).mul(a);
class Mine extends Value {}
const m: V = new Mine(1);
console.log(a.add(b).relu().data, m instanceof Value);`;
    expect(typeErrors(source)).toEqual([]);
    expect(run(source).console).toEqual(['0 true']);
    expect(typeErrors('const x = Value(1);\nx.nosuch();').length).toBe(1);
  });

  test('every name a program has in scope is declared, plot included', () => {
    const source = [
      "const v = new Value(1, 'v');",
      'const model = new MLP(2, [3, 1]);',
      'const layer = new Layer(2, 3);',
      'const neuron = new Neuron(2);',
      'const opt = new SGD(model.parameters(), 0.1);',
      'const m: Module = model;',
      'const { X, y } = makeMoons(10, 0.1);',
      "plot.line('loss', v);",
      'plot.decisionBoundary(model, X, y);',
      'console.log(Math.random(), layer, neuron, opt, m);',
      'v.backward();',
    ].join('\n');
    expect(typeErrors(source)).toEqual([]);
    // The same program runs: the declarations describe what the runner passes in.
    expect(run(source).error).toBeNull();
    // And a name that is not in scope is an error, so the check can fail.
    expect(typeErrors('plotz.line("x", 1);').join()).toMatch(/Cannot find name 'plotz'/);
  });
});
