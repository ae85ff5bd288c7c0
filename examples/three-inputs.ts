// Three inputs, d = a·b + c, and their partial derivatives. Nudge one input
// by h while holding the others, and compare with backward().
// Look at: dd/da = b = -3, dd/db = a = 2, dd/dc = 1, by both routes.
const h = 0.0001;
const d = (a: number, b: number, c: number) => a * b + c;

const [a0, b0, c0] = [2.0, -3.0, 10.0];
console.log(`by definition: dd/da ${((d(a0 + h, b0, c0) - d(a0, b0, c0)) / h).toFixed(4)}, ` +
  `dd/db ${((d(a0, b0 + h, c0) - d(a0, b0, c0)) / h).toFixed(4)}, dd/dc ${((d(a0, b0, c0 + h) - d(a0, b0, c0)) / h).toFixed(4)}`);

const a = new Value(a0, 'a');
const b = new Value(b0, 'b');
const c = new Value(c0, 'c');
const out = a.mul(b).add(c);
out.label = 'd';
out.backward();
console.log(`by backward:   dd/da ${a.grad.toFixed(4)}, dd/db ${b.grad.toFixed(4)}, dd/dc ${c.grad.toFixed(4)}`);
