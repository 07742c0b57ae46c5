/**
 * Area under the ROC curve of rows that each count `positive[i]` as a positive and `negative[i]`
 * as a negative: rows in descending score, a run of tied scores as one step (one threshold per
 * distinct score, "≥ t is positive"), and the trapezoid rule over (FPR, TPR) from (0, 0). This
 * is Σ_{i,j} w_i·v_j·([s_i > s_j] + ½[s_i = s_j]) / (W·V). With 0/1 weights it is sklearn's
 * `roc_auc_score`; with w = p, v = 1 − p it is CBPE's estimated AUC. Null when W or V is 0.
 */
export function weightedRocArea(
  scores: ArrayLike<number>,
  positive: ArrayLike<number>,
  negative: ArrayLike<number>,
): number | null {
  const order = descendingOrder(scores);
  let tp = 0;
  let fp = 0;
  let tpBefore = 0;
  let fpBefore = 0;
  let twiceArea = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    tp += positive[i] as number;
    fp += negative[i] as number;
    const next = order[k + 1];
    if (next !== undefined && scores[next] === scores[i]) continue;
    twiceArea += (fp - fpBefore) * (tp + tpBefore);
    tpBefore = tp;
    fpBefore = fp;
  }
  if (tp === 0 || fp === 0) return null;
  return twiceArea / (2 * tp * fp);
}

function descendingOrder(scores: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => (scores[b] as number) - (scores[a] as number));
}
