// micrograd's README example, op for op. Expected: g.data 24.7041,
// a.grad 138.8338, b.grad 645.5773 (Python prints the same).
// Look at: a and b on the left of the graph, and the console's three numbers.
import { Value } from 'gradscope';

const a = new Value(-4.0);
const b = new Value(2.0);
let c = a.add(b);
let d = a.mul(b).add(b.pow(3));
c = c.add(c.add(1));
c = c.add(new Value(1).add(c).add(a.neg()));
d = d.add(d.mul(2).add(b.add(a).relu()));
d = d.add(new Value(3).mul(d).add(b.sub(a).relu()));
const e = c.sub(d);
const f = e.pow(2);
let g = f.div(2.0);
g = g.add(new Value(10.0).div(f));
g.backward();

console.log(`g.data = ${g.data.toFixed(4)}`); // the outcome of this forward pass
console.log(`a.grad = ${a.grad.toFixed(4)}`); // dg/da
console.log(`b.grad = ${b.grad.toFixed(4)}`); // dg/db
