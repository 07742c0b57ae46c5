/** Q(λ) ≤ 0.5 from here on; below it the sum has slowly shrinking terms, so 1 − K(λ) is used. */
const CUTOVER = 0.82;
const TOLERANCE = 1e-17;

/**
 * The Kolmogorov distribution's survival function, Q(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}, scipy's
 * `special.kolmogorov`. Below λ = 0.82 it is evaluated as 1 − K(λ) with Jacobi's identity
 * K(λ) = √(2π)/λ Σ_{k≥1} e^{−(2k−1)²π²/(8λ²)}, whose terms fall just as fast there; either sum
 * stops once a term is below 1e-17 of the total, far inside 1e-12. Q(0) = 1.
 */
export function kolmogorovQ(lambda: number): number {
  if (Number.isNaN(lambda)) return Number.NaN;
  if (lambda <= 0) return 1;
  if (lambda < CUTOVER) {
    const w = -(Math.PI * Math.PI) / (8 * lambda * lambda);
    let sum = 0;
    for (let k = 1; ; k++) {
      const term = Math.exp((2 * k - 1) * (2 * k - 1) * w);
      sum += term;
      if (term <= TOLERANCE * sum) break;
    }
    return Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * sum);
  }
  let sum = 0;
  for (let k = 1; ; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += k % 2 === 1 ? term : -term;
    if (term <= TOLERANCE * sum) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

export interface KsResult {
  statistic: number;
  pvalue: number;
}

/**
 * Two-sample two-sided Kolmogorov–Smirnov on ascending samples: D = sup |F_R − F_C|, read after
 * each run of tied values (as scipy's `ks_2samp`), and the asymptotic p-value
 * Q(√(nm/(n+m))·D) at every sample size. Both samples must be non-empty.
 */
export function ksSorted(reference: Float64Array, current: Float64Array): KsResult {
  const n = reference.length;
  const m = current.length;
  let i = 0;
  let j = 0;
  let statistic = 0;
  while (i < n && j < m) {
    const a = reference[i] as number;
    const b = current[j] as number;
    const x = Math.min(a, b);
    while (i < n && (reference[i] as number) === x) i++;
    while (j < m && (current[j] as number) === x) j++;
    const gap = Math.abs(i / n - j / m);
    if (gap > statistic) statistic = gap;
  }
  return { statistic, pvalue: kolmogorovQ(Math.sqrt((n * m) / (n + m)) * statistic) };
}
