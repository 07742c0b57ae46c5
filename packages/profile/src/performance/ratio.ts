/** numerator / denominator, or null for the undefined 0/0 (or x/0) case. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}
