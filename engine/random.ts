// A seeded generator, so a program's Math.random and nn's initial weights are
// the same on every run. mulberry32: tiny, fast, and good enough for weights.

export type Random = () => number;

export function mulberry32(seed: number): Random {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** micrograd's demo seeds with 1337; so do we. */
export const defaultSeed = 1337;

let generator: Random = mulberry32(defaultSeed);

/** The engine's shared generator, in [0, 1). */
export function random(): number {
  return generator();
}

/** Restarts the shared generator from `seed`. */
export function seed(value: number): void {
  generator = mulberry32(value);
}

/** Uniform in [lo, hi). */
export function uniform(lo: number, hi: number): number {
  return lo + (hi - lo) * generator();
}

/** Standard normal, by Box–Muller. */
export function gauss(): number {
  const u = 1 - generator();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * generator());
}
