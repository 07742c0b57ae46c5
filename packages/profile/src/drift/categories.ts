/** Counts per category of one sample, keyed by the value's text. */
export function categoryCounts(values: readonly unknown[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) {
    const key = String(value);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The two samples' counts over the union of categories, reference's categories first. */
export function alignedCounts(
  reference: Map<string, number>,
  current: Map<string, number>,
): { categories: string[]; reference: Float64Array; current: Float64Array } {
  const categories = [...reference.keys()];
  for (const key of current.keys()) if (!reference.has(key)) categories.push(key);
  return {
    categories,
    reference: Float64Array.from(categories, (key) => reference.get(key) ?? 0),
    current: Float64Array.from(categories, (key) => current.get(key) ?? 0),
  };
}
