// micrograd's demo, in full: MLP(2, [16, 16, 1]) on 100 two-moons points,
// SVM max-margin loss plus L2 regularisation, 100 full-batch steps of SGD.
// It reaches 100% training accuracy, then draws the decision boundary.
// Each step's graph has 65,818 values, as in micrograd; it runs here, in the
// app, within the default limits (it takes several seconds).
// Look at: accuracy climbing to 100%, and the decision boundary at the end.
import { MLP, Value, makeMoons } from 'gradscope';

const { X, y } = makeMoons(100, 0.1);
const model = new MLP(2, [16, 16, 1]);
console.log(`${model.parameters().length} parameters`);

function sum(values: Value[]): Value {
  return values.reduce((total, v) => total.add(v), new Value(0));
}

function loss() {
  const inputs = X.map((row) => row.map((x) => new Value(x)));
  const scores = inputs.map((x) => model.forward(x));
  // SVM "max-margin" loss
  const losses = scores.map((score, i) => score.mul(-y[i]).add(1).relu());
  const dataLoss = sum(losses).mul(1 / losses.length);
  // L2 regularisation
  const alpha = 1e-4;
  const regLoss = sum(model.parameters().map((p) => p.mul(p))).mul(alpha);
  const accuracy = scores.filter((s, i) => s.data > 0 === y[i] > 0).length / y.length;
  return { total: dataLoss.add(regLoss), accuracy };
}

for (let k = 0; k < 100; k++) {
  const { total, accuracy } = loss();
  model.zeroGrad();
  total.backward();
  const learningRate = 1.0 - (0.9 * k) / 100;
  for (const p of model.parameters()) p.data -= learningRate * p.grad;

  plot.line('accuracy', accuracy);
  if (k % 10 === 0 || k === 99) {
    console.log(`step ${k} loss ${total.data.toFixed(4)}, accuracy ${(accuracy * 100).toFixed(0)}%`);
  }
}

plot.decisionBoundary(model, X, y);
