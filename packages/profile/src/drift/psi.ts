import { countAtMost } from "./sorted";

/** Bin shares below this are raised to it, so an empty bin gives a large but finite term. */
export const PSI_FLOOR = 1e-4;
const DECILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/**
 * The q-quantile of an ascending sample with linear interpolation, computed as numpy's default
 * (`np.quantile`, method "linear") does, operation for operation, so edges agree to the last bit.
 */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const index = (n - 1) * q;
  if (index >= n - 1) return sorted[n - 1] as number;
  if (index < 0) return sorted[0] as number;
  const below = Math.floor(index);
  const t = index - below;
  const a = sorted[below] as number;
  const b = sorted[below + 1] as number;
  const difference = b - a;
  return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
}

/** The reference's deciles, ascending, with repeated edges removed. */
export function decileEdges(sortedReference: Float64Array): number[] {
  const edges: number[] = [];
  for (const q of DECILES) {
    const edge = quantileSorted(sortedReference, q);
    if (edges.length === 0 || edge !== edges[edges.length - 1]) edges.push(edge);
  }
  return edges;
}

/** Σ (c − r)·ln(c / r) over bins, each share count/total floored at PSI_FLOOR. */
export function psiOfCounts(
  reference: ArrayLike<number>,
  n: number,
  current: ArrayLike<number>,
  m: number,
): number {
  let total = 0;
  for (let k = 0; k < reference.length; k++) {
    const r = Math.max((reference[k] as number) / n, PSI_FLOOR);
    const c = Math.max((current[k] as number) / m, PSI_FLOOR);
    total += (c - r) * Math.log(c / r);
  }
  return total;
}

/**
 * PSI of two ascending numeric samples over bins cut at the reference's deciles: a value goes to
 * the bin whose upper edge is the first edge ≥ it; the last bin is open above.
 */
export function psiSorted(reference: Float64Array, current: Float64Array): number {
  const edges = decileEdges(reference);
  const r = binCounts(reference, edges);
  const c = binCounts(current, edges);
  return psiOfCounts(r, reference.length, c, current.length);
}

function binCounts(sorted: Float64Array, edges: number[]): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  let below = 0;
  edges.forEach((edge, k) => {
    const atMost = countAtMost(sorted, edge);
    counts[k] = atMost - below;
    below = atMost;
  });
  counts[edges.length] = sorted.length - below;
  return counts;
}
