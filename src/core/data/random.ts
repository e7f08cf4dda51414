/**
 * Seeded randomness for datasets and splits: everything that looks random is a pure function
 * of a seed, so a project trains on the same data and the same split every time it opens.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number
  /** A whole number in [0, n). */
  int(n: number): number
  /** Standard normal (mean 0, standard deviation 1). */
  gaussian(): number
}

/** Spreads nearby seeds (0, 1, 2 …) far apart before they reach the generator. */
function hashSeed(seed: number): number {
  let h = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0
  return (h ^ (h >>> 16)) >>> 0
}

/** mulberry32: small, fast, good enough for data generation (not for cryptography). */
export function createRng(seed: number): Rng {
  let state = hashSeed(seed)
  let spare: number | null = null
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    int: (n) => Math.floor(next() * n),
    gaussian() {
      // Box–Muller, keeping the second value for the next call.
      if (spare !== null) {
        const value = spare
        spare = null
        return value
      }
      let u = 0
      while (u === 0) u = next()
      const v = next()
      const r = Math.sqrt(-2 * Math.log(u))
      spare = r * Math.sin(2 * Math.PI * v)
      return r * Math.cos(2 * Math.PI * v)
    },
  }
}

/** Fisher–Yates shuffle of an array or typed array, in place; returns it. */
export function shuffleInPlace<T extends { length: number; [i: number]: unknown }>(items: T, rng: Rng): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1)
    const tmp = items[i]
    items[i] = items[j]
    items[j] = tmp
  }
  return items
}

/** 0 … n-1 in a random order. */
export function permutation(n: number, rng: Rng): Int32Array {
  const out = new Int32Array(n)
  for (let i = 0; i < n; i++) out[i] = i
  return shuffleInPlace(out, rng)
}
