/** Probabilities are clipped to [1e-15, 1 − 1e-15] first, so a confident mistake costs ≈ 34.5, not ∞. */
export const LOG_LOSS_CLIP = 1e-15;

/**
 * One row's log-loss, as sklearn's `log_loss(..., eps=1e-15)`: q = clip(score), the pair
 * (1 − q, q) renormalised by its sum (1 up to rounding, kept so tiny losses match to the bit),
 * and −ln of the true class's share.
 */
export function logLossOf(positive: boolean, score: number): number {
  const q = Math.min(Math.max(score, LOG_LOSS_CLIP), 1 - LOG_LOSS_CLIP);
  const rest = 1 - q;
  return -Math.log((positive ? q : rest) / (rest + q));
}
