/** A small seeded PRNG (mulberry32): the same seed gives the same stream on every machine. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  normal(mean?: number, sd?: number): number;
  poisson(lambda: number): number;
  /** Picks a value with the given weights (they need not sum to 1). */
  pick<T>(choices: readonly (readonly [T, number])[]): T;
  int(below: number): number;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal(mean = 0, sd = 1) {
      const u = 1 - next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    poisson(lambda) {
      const limit = Math.exp(-lambda);
      let count = 0;
      for (let product = next(); product > limit; product *= next()) count++;
      return count;
    },
    pick(choices) {
      const last = choices.at(-1);
      if (!last) throw new RangeError("pick needs at least one choice");
      let roll = next() * choices.reduce((sum, [, weight]) => sum + weight, 0);
      for (const [value, weight] of choices) {
        roll -= weight;
        if (roll < 0) return value;
      }
      return last[0];
    },
    int(below) {
      return Math.floor(next() * below);
    },
  };
}

/** A deterministic Fisher-Yates shuffle of 0..n-1. */
export function shuffledIndices(n: number, random: Random): number[] {
  const indices = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [indices[i], indices[j]] = [indices[j] as number, indices[i] as number];
  }
  return indices;
}
