// What a program has in scope, and what `import … from 'gradscope'` gives it.

export { Value } from './value.js';
export { Module, Neuron, Layer, MLP, SGD } from './nn.js';
export { makeMoons } from './data.js';
export { debug, type DebugOptions } from './debug.js';
