/** Labels are 0/1, scores are probabilities of 1. */

/** Area under the ROC curve by the rank statistic (Mann-Whitney U); tied scores share their mean rank. */
export function auc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort(
    (a, b) => (scores[a] as number) - (scores[b] as number),
  );
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (
      end + 1 < order.length &&
      scores[order[end + 1] as number] === scores[order[start] as number]
    )
      end++;
    const meanRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (labels[order[k] as number] === 1) {
        positives++;
        positiveRankSum += meanRank;
      }
    }
    start = end + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) {
    throw new RangeError("AUC needs both classes among the labels");
  }
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Mean negative log-likelihood, probabilities clipped to [1e-15, 1 - 1e-15] as scikit-learn does. */
export function logLoss(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, scores[i] as number));
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / labels.length;
}

export function accuracy(labels: ArrayLike<number>, scores: ArrayLike<number>, threshold = 0.5) {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    if (Number((scores[i] as number) >= threshold) === labels[i]) correct++;
  }
  return correct / labels.length;
}

export function classificationMetrics(labels: ArrayLike<number>, scores: ArrayLike<number>) {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] as number;
  return {
    auc: auc(labels, scores),
    accuracy: accuracy(labels, scores),
    log_loss: logLoss(labels, scores),
    positive_rate: positives / labels.length,
  };
}
