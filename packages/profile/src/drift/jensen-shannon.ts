/**
 * Jensen–Shannon distance, base 2, between two count vectors over the same categories, as
 * scipy's `spatial.distance.jensenshannon(p, q, base=2)`: both are normalised to sum 1, then
 * √((KL(p‖μ) + KL(q‖μ)) / 2) with μ = (p + q)/2. In [0, 1]; rounding below 0 is clamped.
 */
export function jensenShannon(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let totalP = 0;
  let totalQ = 0;
  for (let k = 0; k < p.length; k++) {
    totalP += p[k] as number;
    totalQ += q[k] as number;
  }
  let left = 0;
  let right = 0;
  for (let k = 0; k < p.length; k++) {
    const a = (p[k] as number) / totalP;
    const b = (q[k] as number) / totalQ;
    const mean = (a + b) / 2;
    if (a > 0) left += a * Math.log(a / mean);
    if (b > 0) right += b * Math.log(b / mean);
  }
  const divergence = (left + right) / Math.LN2;
  return Math.sqrt(Math.max(0, divergence / 2));
}
