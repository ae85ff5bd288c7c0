// The program a first start shows: micrograd's README example.
export const readmeExample = `// micrograd's README example. Edit it: the graph follows as you type.
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
console.log(g.data.toFixed(4)); // 24.7041
console.log(a.grad.toFixed(4)); // 138.8338
console.log(b.grad.toFixed(4)); // 645.5773
`;
