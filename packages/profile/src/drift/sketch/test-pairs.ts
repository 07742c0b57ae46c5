/** Seeded pairs for sketch-versus-exact tests: the same seed gives the same values everywhere. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export function normals(seed: number, count: number, mean = 0, std = 1): number[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const u = 1 - next();
    return mean + std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  });
}

const N = 40_000;

/** Numeric pairs, each large enough that sketch mode uses its histogram. */
export const GENERATED_NUMERIC: Record<string, () => [number[], number[]]> = {
  "shifted normal": () => [normals(1, N), normals(2, N, 0.3)],
  "no drift": () => [normals(3, N, 5, 2), normals(4, N, 5, 2)],
  "scale change": () => [normals(5, N), normals(6, N, 0, 1.5)],
  "small shift": () => [normals(7, N, 100, 10), normals(8, N, 100.5, 10)],
  "lognormal tail": () => [normals(9, N).map(Math.exp), normals(10, N, 0.2, 1.2).map(Math.exp)],
  "integer ties": () => [
    normals(11, N, 20, 4).map(Math.round),
    normals(12, N, 21, 4).map(Math.round),
  ],
  bimodal: () => [
    normals(13, N).map((x, i) => x + (i % 2 ? -3 : 3)),
    normals(14, N).map((x, i) => x + (i % 3 ? -3 : 3)),
  ],
  "epoch milliseconds": () => [
    normals(15, N, 1.7e12, 8.64e7),
    normals(16, N, 1.7e12 + 4e7, 8.64e7),
  ],
  "wide range": () => [
    normals(17, N).map((x) => 10 ** (x * 3)),
    normals(18, N, 0.5).map((x) => -(10 ** (x * 3))),
  ],
};
