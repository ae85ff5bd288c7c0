// npm run bench: the engine's speed on micrograd's own workloads, under Node
// and in headless Chromium, where the app's engine worker runs. Prints tables
// of medians; asserts nothing (speed targets live here, not in tests).

import { operatorRows } from '../bench/operators.js';
import { execFile, spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { benchRows, type memoryProfile, type MicrogradTimes } from '../bench/workloads.js';
import { benchMicrograd, inChromiumWorkers, printTable } from './bench-common.js';
import { sandboxReadPaths } from './sandbox.js';
import { defaultMemoryMb, sandboxNodeFlags, semiSpaceMb } from './sandbox-limits.js';

async function benchInChromium(micrograd: MicrogradTimes | null): Promise<void> {
  const ran = await inChromiumWorkers((url) => [
    `import { benchRows } from '${url}engine/bench/workloads.js'; postMessage(benchRows(${JSON.stringify(micrograd)}));`,
  ]);
  if (typeof ran === 'string') console.log(`\nChromium: skipped, ${ran}.`);
  else printTable(`Chromium ${ran.version}, in a Web Worker as in the app:`, ran.results[0] as string[][]);
}

/** Runs the workloads in a process started as the CLI starts the one that runs a program. */
function benchInSandbox(micrograd: MicrogradTimes | null): Promise<string[][]> {
  const source = `import { benchRows } from ${JSON.stringify(new URL('../bench/workloads.js', import.meta.url).href)};
    process.stdout.write(JSON.stringify(benchRows(${JSON.stringify(micrograd)})));`;
  const args = [...sandboxNodeFlags(), ...sandboxReadPaths().map((p) => `--allow-fs-read=${p}`), '--input-type=module', '-e', source];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as string[][]);
    });
  });
}


/** Allocation per value and memory held, in a worker whose young generation
 *  holds a whole step (so no collection runs inside the measured step). */
function benchMemory(): Promise<ReturnType<typeof memoryProfile>> {
  const source = `import { parentPort } from 'node:worker_threads';
    import { setFlagsFromString } from 'node:v8';
    import { runInNewContext } from 'node:vm';
    import { memoryProfile } from ${JSON.stringify(new URL('../bench/workloads.js', import.meta.url).href)};
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc');
    const used = () => { const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };
    parentPort.postMessage(memoryProfile(used, gc));`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`), { resourceLimits: { maxYoungGenerationSizeMb: 512 } });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: ReturnType<typeof memoryProfile>) => {
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', reject);
  });
}

const micrograd = benchMicrograd();
if (micrograd !== null) {
  console.log(`micrograd (CPython ${spawnSync('python3', ['--version'], { encoding: 'utf8' }).stdout.trim().replace('Python ', '')}) demo step, median: ${micrograd.gc.toFixed(0)} ms, ${micrograd.noGc.toFixed(0)} ms with gc.disable()`);
}
printTable(`Node ${process.version}, main thread, default flags:`, benchRows(micrograd));
const memory = await benchMemory();
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
console.log(
  `\nMemory (Node): ${memory.bytesPerValue.toFixed(0)} bytes allocated per value in a demo step; ` +
    `held after 10 steps ${mb(memory.heldAfter10)}, after 100 steps ${mb(memory.heldAfter100)} (heap + array buffers, after a full GC).`,
);
printTable("Numbers-only code in a program (micrograd's operators rewritten):", operatorRows());
printTable(
  `Node ${process.version}, in the CLI's sandbox process (semi-space ${semiSpaceMb(defaultMemoryMb)} MB):`,
  await benchInSandbox(micrograd),
);
await benchInChromium(micrograd);
console.log('\nMedians over 3 trainings (300 steps) untraced and 3 traced, 5 chains and 30 backward pairs, after one warm-up training each.');
