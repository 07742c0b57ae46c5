/** The values as an ascending Float64Array (a copy; the input is left alone). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** How many values of an ascending array are ≤ x. */
export function countAtMost(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) <= x) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Population standard deviation (ddof 0); exactly 0 when all values are equal. */
export function populationStd(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0 || sorted[0] === sorted[n - 1]) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i] as number;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = (sorted[i] as number) - mean;
    squares += d * d;
  }
  return Math.sqrt(squares / n);
}
