// micrograd's nn: a neuron, a layer of neurons, a multi-layer perceptron, and
// plain SGD. Every Value made here carries its module path (`layer1.neuron3.w0`)
// so the app can group a network's thousands of nodes.

import { Value, type Operand } from './value.js';
import { enterModule, inModule, leaveModule, pathId } from './module-path.js';
import { moduleCall, notingCalls } from './group/calls.js';
import { uniform } from './random.js';

export abstract class Module {
  abstract parameters(): Value[];

  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = 0;
  }
}

export interface NeuronOptions {
  /** ReLU after the weighted sum (default true); false for a linear neuron. */
  nonlin?: boolean;
  /** Module path of this neuron (default `neuron`). */
  name?: string;
}

export class Neuron extends Module {
  readonly w: Value[];
  readonly b: Value;
  readonly nonlin: boolean;
  readonly name: string;
  /** The id of `name` as a module path (module-path.ts); `#`: a subclass's own `path` cannot clash. */
  readonly #path: number;

  constructor(nin: number, { nonlin = true, name = 'neuron' }: NeuronOptions = {}) {
    super();
    checkCount(nin, 'Neuron(nin)');
    this.nonlin = nonlin;
    this.name = name;
    this.#path = pathId(name);
    this.w = Array.from({ length: nin }, (_, i) =>
      inModule(`${name}.w${i}`, () => new Value(uniform(-1, 1), `w${i}`)),
    );
    this.b = inModule(`${name}.b`, () => new Value(0, 'b'));
  }

  /** relu(b + Σ wᵢxᵢ), or the sum alone for a linear neuron; summed from b as micrograd does. */
  forward(x: readonly Operand[]): Value {
    if (x.length !== this.w.length) {
      throw new RangeError(`${this.name} takes ${this.w.length} inputs, got ${x.length}`);
    }
    // While tracing, this call is a group (moduleCall); otherwise it only
    // tags its values, without a closure, as it runs thousands of times a step.
    if (notingCalls()) return inModule(this.name, () => this.sum(x), this);
    const previous = enterModule(this.#path);
    try {
      return this.sum(x);
    } finally {
      leaveModule(previous);
    }
  }

  private sum(x: readonly Operand[]): Value {
    let act = this.b;
    for (let i = 0; i < x.length; i++) act = act.add(this.w[i].mul(x[i]));
    return this.nonlin ? act.relu() : act;
  }

  parameters(): Value[] {
    const params = this.w.slice();
    params.push(this.b);
    return params;
  }
}

/** A layer's output: one Value when it has one neuron, else one per neuron. */
export type LayerOutput<N extends number> = number extends N ? Value | Value[] : N extends 1 ? Value : Value[];

export interface LayerOptions {
  nonlin?: boolean;
  /** Module path of this layer (default `layer`). */
  name?: string;
}

export class Layer<const N extends number = number> extends Module {
  readonly neurons: Neuron[];
  readonly name: string;

  constructor(nin: number, nout: N, { nonlin = true, name = 'layer' }: LayerOptions = {}) {
    super();
    checkCount(nout, 'Layer(nin, nout)');
    this.name = name;
    this.neurons = Array.from({ length: nout }, (_, j) => new Neuron(nin, { nonlin, name: `${name}.neuron${j}` }));
  }

  forward(x: readonly Operand[]): LayerOutput<N> {
    return moduleCall(this, this.name, () => {
      const out = this.neurons.map((n) => n.forward(x));
      return (out.length === 1 ? out[0] : out) as LayerOutput<N>;
    });
  }

  parameters(): Value[] {
    return flat(this.neurons);
  }
}

/** The last element of a tuple of sizes. */
type Last<S extends readonly number[]> = S extends readonly [...unknown[], infer L extends number] ? L : number;

export class MLP<const S extends readonly number[] = number[]> extends Module {
  readonly layers: Layer[];

  /** `new MLP(2, [16, 16, 1])`: ReLU hidden layers, a linear last layer. */
  constructor(nin: number, sizes: S) {
    super();
    if (!Array.isArray(sizes) || sizes.length === 0) throw new TypeError('MLP(nin, sizes) needs a non-empty array of layer sizes');
    const dims = [nin, ...sizes];
    this.layers = sizes.map(
      (nout, i) => new Layer(dims[i], nout, { nonlin: i !== sizes.length - 1, name: `layer${i}` }),
    );
  }

  /** Takes numbers or Values; returns a Value when the last layer has one neuron, else an array. */
  forward(x: readonly Operand[]): LayerOutput<Last<S>> {
    return moduleCall(this, 'MLP.forward', () => {
      let out: Value | Value[] = [...x] as Value[];
      for (const layer of this.layers) out = layer.forward(Array.isArray(out) ? out : [out]);
      return out as LayerOutput<Last<S>>;
    });
  }

  parameters(): Value[] {
    return flat(this.layers);
  }
}

/** Stochastic gradient descent: p.data -= lr · p.grad. */
export class SGD {
  constructor(
    readonly params: Value[],
    public lr = 0.01,
  ) {}

  step(lr = this.lr): void {
    for (const p of this.params) p.data -= lr * p.grad;
  }

  zeroGrad(): void {
    for (const p of this.params) p.grad = 0;
  }
}

/** The parameters of each module, in order, in one array (flatMap's work in a plain loop). */
function flat(modules: readonly Module[]): Value[] {
  const params: Value[] = [];
  for (const m of modules) for (const p of m.parameters()) params.push(p);
  return params;
}

function checkCount(n: unknown, where: string): void {
  if (!Number.isInteger(n) || (n as number) < 1) throw new RangeError(`${where} needs a positive integer, got ${String(n)}`);
}
