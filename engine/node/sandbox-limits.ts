// How the CLI sizes and confines the process that runs a program
// (engine/node/sandbox.ts). The benchmark runs its workloads in a process
// started with the same flags, so its numbers are the CLI's.

/** Resident memory the process may reach by default (`--max-memory`); past it
 *  the CLI kills the process. Typed arrays and other buffers live outside the
 *  V8 heap, so the heap limit alone does not bound them. */
export const defaultMemoryMb = 2560;
/** How often the CLI samples the process's resident memory. */
export const rssPollMs = 50;
/** After the time limit, a program blocked in one long call is killed this much later. */
export const killGraceMs = 2_000;
/** Type stripping and instrumenting a program is not its run time; it gets this long. */
export const compileLimitMs = 300_000;

/** V8's heap limit for a memory cap: three quarters of it (a program that holds more dies with "out of memory"). */
export function heapLimitMb(memoryMb: number): number {
  return Math.max(32, Math.floor(memoryMb * 0.75));
}

/** A semi-space of 64 MB (a 192 MB young generation) halves the time training
 *  loops spend in GC: a step's values then die young instead of being copied out. */
export function semiSpaceMb(memoryMb: number): number {
  return Math.max(1, Math.min(64, Math.floor(memoryMb / 16)));
}

/** Node 20 calls the permission model experimental; Node 22.13+ and 23.5+ name the flag `--permission`. */
const permissionFlag = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';

/** Node flags of the sandbox process, except the file reads it is allowed (sandbox.ts adds those). */
export function sandboxNodeFlags(memoryMb = defaultMemoryMb): string[] {
  return [
    permissionFlag,
    `--max-old-space-size=${heapLimitMb(memoryMb)}`,
    `--max-semi-space-size=${semiSpaceMb(memoryMb)}`,
    // The permission model's "experimental" warning is not the program's output.
    '--no-warnings',
  ];
}
