/**
 * Up to `maxBins - 1` thresholds for a feature: every distinct value when there are few, else
 * quantiles (of at most 50,000 rows). A split at threshold t sends x <= t left.
 */
export function candidateThresholds(X: Float64Array[], feature: number, maxBins: number): number[] {
  const stride = Math.max(1, Math.floor(X.length / 50_000));
  const values: number[] = [];
  for (let i = 0; i < X.length; i += stride) values.push((X[i] as Float64Array)[feature] as number);
  values.sort((a, b) => a - b);
  const distinct = [...new Set(values)];
  if (distinct.length <= maxBins) return distinct.slice(0, -1);
  const quantiles = Array.from({ length: maxBins - 1 }, (_, k) => {
    return values[Math.floor(((k + 1) * values.length) / maxBins)] as number;
  });
  return [...new Set(quantiles)];
}

/** How many thresholds lie below x: x <= thresholds[b] exactly when binOf(x) <= b. */
export function binOf(thresholds: number[], x: number): number {
  let low = 0;
  let high = thresholds.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((thresholds[mid] as number) < x) low = mid + 1;
    else high = mid;
  }
  return low;
}
