/**
 * Model performance statistics for monitoring: real metrics from labelled predictions, CBPE
 * estimates from scores alone, and mergeable states for both. Definitions: docs/performance.md.
 */

/** NannyML's confidence-based performance estimation, without labels. */
export {
  addCbpe,
  type CbpeEstimate,
  type CbpeMetrics,
  type CbpeSums,
  cbpeMetrics,
  emptyCbpeSums,
  estimatePerformance,
  mergeCbpeSums,
} from "./cbpe";
/** Accuracy, precision, recall, F1 and log-loss from mergeable confusion counts at 0.5. */
export {
  addClassification,
  type ClassificationCounts,
  type ClassificationMetrics,
  classificationMetrics,
  DECISION_THRESHOLD,
  emptyClassificationCounts,
  mergeClassificationCounts,
} from "./classification";
/** Approximate AUC (real or CBPE) from a mergeable fixed-bin histogram, with its error bound. */
export {
  type ApproximateRocArea,
  addEstimated,
  addLabelled,
  addToHistogram,
  DEFAULT_SCORE_BINS,
  emptyScoreHistogram,
  histogramRocArea,
  mergeScoreHistograms,
  type ScoreHistogram,
} from "./histogram";
/** Input schemas and the error bad input throws. */
export {
  BinaryLabel,
  ClassificationInput,
  PerformanceInput,
  PerformanceInputRejected,
  Probability,
  RegressionInput,
} from "./input";
/** sklearn's log_loss for one row, with its clip. */
export { LOG_LOSS_CLIP, logLossOf } from "./log-loss";
/** The one entry point: a window's real performance from labels and scores. */
export {
  type ClassificationPerformance,
  type Performance,
  performanceOf,
  type RegressionPerformance,
} from "./performance";
/** RMSE and MAE from mergeable sums. */
export {
  addRegression,
  emptyRegressionSums,
  mergeRegressionSums,
  type RegressionMetrics,
  type RegressionSums,
  regressionMetrics,
} from "./regression";
/** Exact, tie-aware area under a (weighted) ROC curve. */
export { weightedRocArea } from "./roc";
/** zod schemas of the mergeable states, for reading them back from storage. */
export {
  CbpeSumsSchema,
  ClassificationCountsSchema,
  RegressionSumsSchema,
  ScoreHistogramSchema,
} from "./states";
