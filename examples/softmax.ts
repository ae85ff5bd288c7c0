// Softmax with cross-entropy on three logits: p = exp(z) / Σ exp(z), and the
// loss −log p[target]. Backward gives the famous result: dL/dz = p − onehot.
// Look at: each z's grad in the console beside p − onehot.
const logits = [new Value(2.0, 'z0'), new Value(1.0, 'z1'), new Value(0.1, 'z2')];
const target = 0;

const counts = logits.map((z) => z.exp());
const total = counts.reduce((sum, c) => sum.add(c));
const probs = counts.map((c) => c.div(total));
const loss = probs[target].log().neg();
loss.label = 'loss';
loss.backward();

probs.forEach((p, i) => {
  const expected = p.data - (i === target ? 1 : 0);
  console.log(`z${i}: p = ${p.data.toFixed(4)}, grad = ${logits[i].grad.toFixed(4)} (p − onehot = ${expected.toFixed(4)})`);
});
