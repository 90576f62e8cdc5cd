// Deterministic pseudo-random numbers for building benchmark inputs.
// Every generator is seeded, so every trial (and every commit) sees the same data.

/** mulberry32: a tiny, fast 32-bit PRNG. Returns a function yielding floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Convenience helpers over a seeded generator. */
export function createRandom(seed) {
  const next = mulberry32(seed);
  return {
    next,
    /** Integer in [min, max]. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    /** Float in [min, max). */
    float: (min, max) => min + next() * (max - min),
    /** One element of an array. */
    pick: (items) => items[Math.floor(next() * items.length)],
    /** True with probability p. */
    chance: (p) => next() < p,
    /** Skewed index in [0, n): low indices are much more likely (a rough Zipf). */
    skewed: (n) => Math.min(n - 1, Math.floor(n * next() ** 3)),
    /** A lowercase alphanumeric string of the given length. */
    word: (length) => {
      let s = '';
      for (let i = 0; i < length; i++) s += 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(next() * 36)];
      return s;
    },
  };
}
