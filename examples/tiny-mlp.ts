// A tiny MLP learns four points, as in the lecture: MLP(3, [4, 4, 1]),
// squared-error loss, 20 steps of gradient descent. Open any backward() call
// in the list to step through it.
const xs = [
  [2.0, 3.0, -1.0],
  [3.0, -1.0, 0.5],
  [0.5, 1.0, 1.0],
  [1.0, 1.0, -1.0],
];
const ys = [1.0, -1.0, -1.0, 1.0]; // desired targets

const model = new MLP(3, [4, 4, 1]);

for (let k = 0; k < 20; k++) {
  const ypred = xs.map((x) => model.forward(x));
  const loss = ypred
    .map((yout, i) => yout.sub(ys[i]).pow(2))
    .reduce((total, term) => total.add(term));

  model.zeroGrad();
  loss.backward();
  for (const p of model.parameters()) p.data -= 0.05 * p.grad;

  plot.line('loss', loss);
  console.log(`step ${k}: loss ${loss.data.toFixed(4)}`);
}
