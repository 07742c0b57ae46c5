import type { Interval } from "./numeric-stats";

/** One side's counts: each kept count is low by at most `error`; keys in `tail` are lumps. */
export interface SummarisedCounts {
  counts: ReadonlyMap<string, number>;
  total: number;
  error: number;
}

/**
 * The interval holding the exact Jensen–Shannon distance when a side's counts are a summary.
 * JS divergence (bits) is Σ t(p, q), t(p, q) = ½[p·log2(2p/(p+q)) + q·log2(2q/(p+q))]: jointly
 * convex, 0 on p = q, at most (p + q)/2. Categories both sides kept have each share in a box
 * (count to count + error); every other category is in the tail T, whose total share is known
 * up to those errors: it adds at least t(P(T), Q(T)) (convexity) and at most (P(T) + Q(T))/2.
 */
export function jensenShannonBounds(
  reference: SummarisedCounts,
  current: SummarisedCounts,
  lumps: ReadonlySet<string>,
): Interval {
  let low = 0;
  let high = 0;
  const kept = { r: [0, 0], c: [0, 0] };
  for (const [key, r] of reference.counts) {
    const c = current.counts.get(key);
    if (c === undefined || lumps.has(key)) continue;
    const rBox = share(r, reference);
    const cBox = share(c, current);
    low += termMinimum(rBox, cBox);
    high += termMaximum(rBox, cBox);
    add(kept.r, rBox);
    add(kept.c, cBox);
  }
  const rTail: Interval = [Math.max(0, 1 - (kept.r[1] as number)), 1 - (kept.r[0] as number)];
  const cTail: Interval = [Math.max(0, 1 - (kept.c[1] as number)), 1 - (kept.c[0] as number)];
  low += termMinimum(rTail, cTail);
  high += (rTail[1] + cTail[1]) / 2;
  return [Math.sqrt(Math.max(0, low)), Math.sqrt(Math.min(1, high))];
}

function share(count: number, side: SummarisedCounts): Interval {
  return [count / side.total, Math.min(1, (count + side.error) / side.total)];
}

function add(sum: number[], [low, high]: Interval): void {
  sum[0] = (sum[0] as number) + low;
  sum[1] = (sum[1] as number) + high;
}

function term(p: number, q: number): number {
  const mean = (p + q) / 2;
  let total = 0;
  if (p > 0) total += p * Math.log2(p / mean);
  if (q > 0) total += q * Math.log2(q / mean);
  return total / 2;
}

function termMaximum([p0, p1]: Interval, [q0, q1]: Interval): number {
  return Math.max(term(p0, q0), term(p0, q1), term(p1, q0), term(p1, q1));
}

/** Above the diagonal t grows with q and falls with p; below, the reverse. */
function termMinimum([p0, p1]: Interval, [q0, q1]: Interval): number {
  if (q0 > p1) return term(p1, q0);
  if (q1 < p0) return term(p0, q1);
  return 0;
}
