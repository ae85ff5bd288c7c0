// Toy data sets for examples and demos, drawn from the engine's seeded generator.

import { gauss } from './random.js';

export interface Dataset {
  /** Points, one [x, y] pair each. */
  X: number[][];
  /** Labels, -1 or +1, as micrograd's demo uses them. */
  y: number[];
}

/** Two interleaving half circles, like scikit-learn's make_moons, with labels ±1.
 *  micrograd's demo uses 100 points with noise 0.1. */
export function makeMoons(n = 100, noise = 0.1): Dataset {
  const outer = Math.floor(n / 2);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const isOuter = i < outer;
    const count = isOuter ? outer : n - outer;
    const t = (Math.PI * (isOuter ? i : i - outer)) / Math.max(1, count - 1);
    const x0 = isOuter ? Math.cos(t) : 1 - Math.cos(t);
    const x1 = isOuter ? Math.sin(t) : 1 - Math.sin(t) - 0.5;
    X.push([x0 + noise * gauss(), x1 + noise * gauss()]);
    y.push(isOuter ? -1 : 1);
  }
  return { X, y };
}
