// The lecture's neuron: o = tanh(x1·w1 + x2·w2 + b). The bias is chosen so
// that o = 0.7071; backward gives x1 -1.5, w1 1.0, x2 0.5, w2 0.0.
// Look at: step backward (F10) from o and read the chain rule under the graph.
const x1 = new Value(2.0, 'x1');
const x2 = new Value(0.0, 'x2');
const w1 = new Value(-3.0, 'w1');
const w2 = new Value(1.0, 'w2');
const b = new Value(6.8813735870195432, 'b');

const x1w1 = x1.mul(w1);
const x2w2 = x2.mul(w2);
const x1w1x2w2 = x1w1.add(x2w2);
const n = x1w1x2w2.add(b);
const o = n.tanh();
o.backward();

for (const v of [x1, w1, x2, w2]) {
  console.log(`${v.label}.grad = ${v.grad.toFixed(4)}`);
}
