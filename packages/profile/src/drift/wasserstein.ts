import { populationStd } from "./sorted";

/**
 * First Wasserstein distance ∫ |F_R − F_C| dx on ascending samples, as scipy's
 * `wasserstein_distance`: the CDF gap after each pooled value times the step to the next one.
 * Both samples must be non-empty.
 */
export function wassersteinSorted(reference: Float64Array, current: Float64Array): number {
  const n = reference.length;
  const m = current.length;
  let i = 0;
  let j = 0;
  let total = 0;
  let x = Math.min(reference[0] as number, current[0] as number);
  while (i < n || j < m) {
    while (i < n && (reference[i] as number) === x) i++;
    while (j < m && (current[j] as number) === x) j++;
    const next =
      i < n
        ? j < m
          ? Math.min(reference[i] as number, current[j] as number)
          : (reference[i] as number)
        : j < m
          ? (current[j] as number)
          : x;
    total += Math.abs(i / n - j / m) * (next - x);
    x = next;
  }
  return total;
}

/**
 * Wasserstein distance in units of the reference's population standard deviation. A constant
 * reference (std 0) gives 0 when the distance is 0 and Infinity otherwise (JSON writes null).
 */
export function normalisedWasserstein(distance: number, sortedReference: Float64Array): number {
  const std = populationStd(sortedReference);
  if (std > 0) return distance / std;
  return distance === 0 ? 0 : Number.POSITIVE_INFINITY;
}
