// The derivative of f(x) = 3x² − 4x + 5 by its definition: (f(x + h) − f(x)) / h
// as h shrinks, next to the grad that backward() computes (f'(3) = 6·3 − 4 = 14).
// Look at: the slopes approach 14, then go wrong again for tiny h; select x and
// open the derivative explorer to see where rounding error takes over.
const f = (x: number) => 3 * x ** 2 - 4 * x + 5;

for (const h of [1e-1, 1e-3, 1e-5, 1e-8, 1e-11, 1e-14]) {
  console.log(`h = ${h.toExponential(0)}: slope ${((f(3 + h) - f(3)) / h).toFixed(6)}`);
}

const x = new Value(3.0, 'x');
const y = x.pow(2).mul(3).sub(x.mul(4)).add(5);
y.label = 'y';
y.backward();
console.log(`backward: dy/dx = ${x.grad.toFixed(4)}`);
