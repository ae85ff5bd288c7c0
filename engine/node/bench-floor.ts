// npm run bench:floor: micrograd's demo step in the least code that could run
// it (engine/bench/floor.ts) next to Gradscope's engine, under Node's main
// thread and in a Chromium worker: where the 1 ms target lies for any design.
// Each design runs in a fresh process (or worker), three rounds interleaved so
// that a slower stretch of the machine falls on all of them alike.

import { execFileSync } from 'node:child_process';
import { designs, type Design, type FloorResult } from '../bench/floor.js';
import { benchMicrograd, inChromiumWorkers, printTable } from './bench-common.js';

const rounds = 3;
const floorModule = new URL('../bench/floor.js', import.meta.url).href;

const what: Record<Design, string> = {
  reused: 'one tape, overwritten every step (a held Value changes)',
  segments: "a segment per step, freed by the collector (micrograd's rules kept)",
  pooled: 'two segments used in turn (a held Value changes)',
  gradscope: "Gradscope's engine (Value, nn)",
};

function inNode(design: Design): FloorResult {
  const source = `import { runFloor } from ${JSON.stringify(floorModule)}; process.stdout.write(JSON.stringify(runFloor(${JSON.stringify(design)})));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', source], { encoding: 'utf8' })) as FloorResult;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

const order = Array.from({ length: rounds }, () => designs).flat();
const micrograd = benchMicrograd();
const node = order.map(inNode);
const chromium = await inChromiumWorkers((url) =>
  order.map((d) => `import { runFloor } from '${url}engine/bench/floor.js'; postMessage(runFloor(${JSON.stringify(d)}));`),
);

const stepOf = (results: FloorResult[], d: Design) => median(results.filter((r) => r.design === d).map((r) => r.step));
const losses = new Set([...node, ...(typeof chromium === 'string' ? [] : (chromium.results as FloorResult[]))].map((r) => r.lastLoss.toPrecision(9)));
const vsMicrograd = (ms: number) => (micrograd === null ? '' : ` (${(micrograd.noGc / ms).toFixed(0)}×)`);

const header = ['design', `Node ${process.version} main thread`, typeof chromium === 'string' ? 'Chromium worker' : `Chromium ${chromium.version} worker`];
printTable(
  "micrograd's demo step (65,818 values), ms per step, median of 3 rounds × 30 blocks of 10 steps; × micrograd without GC:",
  [
    header,
    ...designs.map((d) => [
      what[d],
      `${stepOf(node, d).toFixed(2)} ms${vsMicrograd(stepOf(node, d))}`,
      typeof chromium === 'string' ? `skipped: ${chromium}` : `${stepOf(chromium.results as FloorResult[], d).toFixed(2)} ms${vsMicrograd(stepOf(chromium.results as FloorResult[], d))}`,
    ]),
  ],
);
if (micrograd !== null) console.log(`\nmicrograd (CPython) without GC: ${micrograd.noGc.toFixed(0)} ms a step; 100× is ${(micrograd.noGc / 100).toFixed(2)} ms.`);
// Every design trains the same model on the same points: one loss after its first 100 steps.
console.log(losses.size === 1 ? `Every design and run ends at the same loss, ${[...losses][0]}.` : `LOSSES DIFFER: ${[...losses].join(', ')}`);
