// How the CLI sizes the worker thread that runs a program. A young generation
// this large halves the time training loops spend in GC: a step's values then
// die young instead of being copied out.
export const cliWorkerLimits = { maxYoungGenerationSizeMb: 192 };
