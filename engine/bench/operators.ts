// What rewriting micrograd's operators costs code that only uses numbers: the
// same loop as plain JavaScript and as a Gradscope program, where every `*`,
// `-`, `/` and `+=` on variables goes through a helper that checks `typeof`
// first (runner/operators.ts), next to the loop guard the runner always adds.

import { run } from '../runner/run.js';

const iterations = 5_000_000;
const body = `let s = 0;
for (let i = 0; i < ${iterations}; i++) s += i * 0.5 - i / 3 + (s - i) * 1e-9;
`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function timePlain(): number {
  const fn = new Function(`${body}return s;`) as () => number;
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function timeProgram(): number {
  const t0 = performance.now();
  const s = run(body, { timeoutMs: 60_000 });
  if (s.error) throw new Error(s.error.message);
  return performance.now() - t0;
}

export function operatorRows(): string[][] {
  timePlain();
  timeProgram();
  const plain = median([timePlain(), timePlain(), timePlain()]);
  const program = median([timeProgram(), timeProgram(), timeProgram()]);
  return [
    ['workload', 'median', 'notes'],
    [`numbers-only loop, ${iterations.toLocaleString('en-US')} turns, plain JavaScript`, `${plain.toFixed(0)} ms`, ''],
    [`the same loop as a program (operators rewritten, loop guard)`, `${program.toFixed(0)} ms`, `${(program / plain).toFixed(2)}× plain, compile included`],
  ];
}
