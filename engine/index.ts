// The engine as a library: `import { Value, MLP } from 'gradscope'`.

export { Value, topologicalOrder, type Operand } from './value.js';
export { Module, Neuron, Layer, MLP, SGD, type NeuronOptions, type LayerOptions, type LayerOutput } from './nn.js';
export { makeMoons, type Dataset } from './data.js';
export { seed, random, uniform, gauss, mulberry32 } from './random.js';
export { Trace, withTrace, snapshotOf, LimitError, defaultLimits, type TraceLimits } from './trace.js';
export { run } from './runner/run.js';
export { debug, type DebugOptions } from './debug.js';
export { toJSON, type Snapshot, type GraphNode, type BackwardCall, type BackwardStep, type RunError, type Op, type Loc, type Diagnostic } from '../common/snapshot.js';
export type { RunOptions, ToWorker, FromWorker } from '../common/protocol.js';
