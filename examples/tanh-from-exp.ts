// The lecture's neuron with tanh made of exp: o = (e − 1) / (e + 1) with
// e = exp(2n). More nodes, same numbers as the tanh neuron.
// Look at: o is 0.7071 and x1 -1.5, w1 1.0, x2 0.5, w2 0.0, exactly as with tanh.
const x1 = new Value(2.0, 'x1');
const x2 = new Value(0.0, 'x2');
const w1 = new Value(-3.0, 'w1');
const w2 = new Value(1.0, 'w2');
const b = new Value(6.8813735870195432, 'b');

const n = x1.mul(w1).add(x2.mul(w2)).add(b);
const e = n.mul(2).exp();
const o = e.sub(1).div(e.add(1));
o.label = 'o';
o.backward();

console.log(`o = ${o.data.toFixed(4)}`);
for (const v of [x1, w1, x2, w2]) console.log(`${v.label}.grad = ${v.grad.toFixed(4)}`);
