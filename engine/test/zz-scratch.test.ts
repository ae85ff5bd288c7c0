import { test } from 'vitest';
import { run } from '../runner/run.js';
const show = (src: string, o = {}) => { const s = run(src, o); console.log(JSON.stringify({err: s.error, n: s.nodes.length, console: s.console, warn: s.warnings, nb: s.backward.length})); };
test('x', () => {
  show(`const a = 1;\nnamespace N { export const x = 1; }`);
  show(`const a = 1;\nenum E { A, B }\nconsole.log(E.B)`);
  show(`const a = 1;\nconst y = <number>a;`);
  show(`const a = 1;\nconst y: Array<number = [];`);
  show(`const a = 1;\nclass A { constructor(private x: number) {} }\nconsole.log(new A(3).x)`);
  show(`const a = 1;\nconst y = a satisfies number;`);
  show(`const a = 1;\ndeclare module 'x' { }`);
  show(`const a = 1;\nimport x = require('fs');`);
  show(`const a = 1;\nexport = a;`);
  show(`const a = 1;\nfunction f(this: number) {}\n@dec class A {}`);
  show(`const v: any = undefined;\nconst n: number = 2; v.add(n);`);
  show(`function f(x: Value): Value {\n  return x.add('q' as any);\n}\nconst n: number = 2; f(new Value(n));`);
  show(`const x = new Value(1);\nconsole.error('bad', x); console.warn('w'); console.log({a: 1, v: x}, [1, 'a', x], null, undefined, true, 1.5)`);
});
