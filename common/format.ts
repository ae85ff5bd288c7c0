// The one number formatter: every number the graph, inspector, explanation
// line, DOT and SVG exports and the CLI show is written by one of these.

/** Four significant digits, as the graph shows them ("138.8", "-4.000", "2.041e-5"). */
export function short(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return '0.000';
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-4) return x.toExponential(3);
  return x.toPrecision(4);
}

/** micrograd's `%.4f`, switching to exponent form where it would lose the number. */
export function fixed4(x: number): string {
  if (!Number.isFinite(x)) return short(x);
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e9 || a < 1e-4)) return x.toExponential(4);
  return x.toFixed(4);
}

/** An op's constant (pow's exponent, leakyRelu's slope): as typed when short
 *  ("2", "0.5", "-1"), else to 4 significant digits. */
export function constant(k: number): string {
  return Number.isInteger(k) ? String(k) : String(Number(k.toPrecision(4)));
}

/** Every digit JavaScript keeps, for hover and the inspector. */
export function full(x: number): string {
  return Number.isFinite(x) || Number.isNaN(x) ? String(x) : x > 0 ? 'Infinity' : '-Infinity';
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}
