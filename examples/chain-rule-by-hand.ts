// L = (a·b + c)·f with its grads by hand. The chain rule from L back to a,
// worked by hand, then by backward(), as in the lecture.
// Look at: each hand-derived grad printed beside the one backward() computed;
// then step backward (F10) and watch them arrive in the graph.
const a = new Value(2.0, 'a');
const b = new Value(-3.0, 'b');
const c = new Value(10.0, 'c');
const f = new Value(-2.0, 'f');
const e = a.mul(b);
const d = e.add(c);
const L = d.mul(f);

// By hand: dL/dd = f, dL/df = d; + passes its grad on; × swaps the other factor in.
const hand = { L: 1, f: d.data, d: f.data, c: f.data, e: f.data, a: f.data * b.data, b: f.data * a.data };
L.backward();
for (const v of [L, f, d, c, e, a, b]) {
  console.log(`${v.label}.grad: by hand ${hand[v.label as keyof typeof hand].toFixed(4)}, by backward ${v.grad.toFixed(4)}`);
}
