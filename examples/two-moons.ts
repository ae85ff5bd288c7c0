// micrograd's demo at a third of its size: MLP(2, [16, 16, 1]) on 30 moons,
// SVM max-margin loss plus L2, full batch, SGD with a decaying rate. It reaches
// 100% training accuracy in about 35 steps, in a few seconds. The next
// example is the full demo (100 points, 100 steps, 65,818 values a step).
// Look at: the accuracy printed every 5 steps, and the loss curve.
import { MLP, Value, makeMoons } from 'gradscope';

const { X, y } = makeMoons(30, 0.1);
const model = new MLP(2, [16, 16, 1]);
const steps = 40;

function sum(values: Value[]): Value {
  return values.reduce((total, v) => total.add(v), new Value(0));
}

for (let k = 0; k < steps; k++) {
  const scores = X.map((point) => model.forward(point));
  const losses = scores.map((score, i) => score.mul(-y[i]).add(1).relu());
  const dataLoss = sum(losses).mul(1 / losses.length);
  const regLoss = sum(model.parameters().map((p) => p.mul(p))).mul(1e-4);
  const loss = dataLoss.add(regLoss);
  const accuracy = scores.filter((s, i) => s.data > 0 === y[i] > 0).length / y.length;

  model.zeroGrad();
  loss.backward();
  const lr = 1.0 - (0.9 * k) / steps;
  for (const p of model.parameters()) p.data -= lr * p.grad;

  if (k % 5 === 0 || k === steps - 1) {
    console.log(`step ${k} loss ${loss.data.toFixed(4)}, accuracy ${(accuracy * 100).toFixed(0)}%`);
  }
}
