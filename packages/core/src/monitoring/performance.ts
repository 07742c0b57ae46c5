import {
  estimatePerformance,
  type Performance,
  performanceOf,
} from "@gyre/profile/performance/index";
import type { PerformanceReport } from "./monitor";
import type { Row } from "./rows";

/** Labelled predictions a window needs before its performance can be called degraded. */
export const LABELS_TO_JUDGE = 30;

export interface LabelledPrediction {
  score: number;
  label: number | boolean;
}

/** Which training metric each window metric is compared with, and which way is better. */
const COMPARED = [
  { metric: "rocAuc", training: ["auc", "roc_auc", "rocAuc"], higherIsBetter: true },
  { metric: "accuracy", training: ["accuracy"], higherIsBetter: true },
  { metric: "rmse", training: ["rmse"], higherIsBetter: false },
  { metric: "mae", training: ["mae"], higherIsBetter: false },
] as const;

/**
 * A window's real performance from its labelled predictions, next to the training run's
 * metrics. A metric is degraded when it falls more than `tolerance` below training (AUC,
 * accuracy: absolute) or rises more than `tolerance` of training above it (RMSE, MAE).
 */
export function performanceReport(
  pairs: LabelledPrediction[],
  training: Record<string, number>,
  tolerance: number,
): PerformanceReport | null {
  if (!pairs.length) return null;
  const labels = pairs.map((p) => p.label);
  const scores = pairs.map((p) => p.score);
  const classification = labels.every((l) => l === 0 || l === 1 || typeof l === "boolean");
  const real: Performance = classification
    ? performanceOf({ kind: "classification", labels, scores })
    : performanceOf({ kind: "regression", labels: labels.map(Number), scores });
  const metrics = metricsOf(real);
  const degraded = pairs.length < LABELS_TO_JUDGE ? [] : degradedOf(metrics, training, tolerance);
  return { labelled: pairs.length, kind: real.kind, metrics, training, degraded };
}

function metricsOf(real: Performance): Record<string, number | null> {
  if (real.kind === "regression") return { rmse: real.rmse, mae: real.mae };
  const { accuracy, rocAuc, logLoss, precision, recall, f1 } = real;
  return { accuracy, rocAuc, logLoss, precision, recall, f1 };
}

function degradedOf(
  metrics: Record<string, number | null>,
  training: Record<string, number>,
  tolerance: number,
): PerformanceReport["degraded"] {
  return COMPARED.flatMap(({ metric, training: names, higherIsBetter }) => {
    const value = metrics[metric];
    const name = names.find((n) => training[n] !== undefined);
    if (value === null || value === undefined || name === undefined) return [];
    const trained = training[name] as number;
    const threshold = higherIsBetter ? trained - tolerance : trained * (1 + tolerance);
    const worse = higherIsBetter ? value < threshold : value > threshold;
    return worse ? [{ metric, value, training: trained, threshold }] : [];
  });
}

/**
 * CBPE's estimate of the window's performance from the predicted probabilities alone, when
 * every captured prediction is one (a binary classifier); null otherwise.
 */
export function estimatedPerformance(rows: Row[]): Record<string, number | null> | null {
  const scores = rows.map((row) => row.prediction);
  if (!scores.length || !scores.every((s) => typeof s === "number" && s >= 0 && s <= 1))
    return null;
  const { accuracy, rocAuc, precision, recall, f1 } = estimatePerformance(scores as number[]);
  return { accuracy, rocAuc, precision, recall, f1 };
}
