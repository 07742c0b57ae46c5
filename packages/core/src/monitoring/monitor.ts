import * as z from "zod";
import { isWebhook } from "./alerts";

/** The statistics a feature's drift can be decided by (numeric: the first three; categorical: the last two). */
export const DriftMethod = z.enum(["ks", "wassersteinNorm", "psi", "jensenShannon"]);
export type DriftMethod = z.infer<typeof DriftMethod>;

export const MonitorSettings = z.strictObject({
  /** A window closes this long after it opened (then a report is made). */
  windowSeconds: z
    .number()
    .int()
    .min(1)
    .max(30 * 86_400)
    .default(3600),
  /** A window with fewer captured rows is reported but not judged: too few to call drift. */
  minSamples: z.number().int().min(1).max(1_000_000).default(500),
  /** A window closes early once it holds this many captured rows. */
  maxSamples: z.number().int().min(1).max(10_000_000).default(100_000),
  /** A window of more rows is judged in sketch mode (merged file sketches, bounded memory). */
  exactUpTo: z.number().int().min(0).max(1_000_000).default(50_000),
  /** Features left out of drift (besides those that look like identifiers). */
  ignore: z.array(z.string()).default([]),
  /** Per-feature thresholds over the deciding method's default. */
  thresholds: z.record(z.string(), z.number().nonnegative()).default({}),
  /** Per-feature deciding method over the default (KS or Wasserstein by size; Jensen–Shannon). */
  methods: z.record(z.string(), DriftMethod).default({}),
  /** Columns whose values split a window into segments, each judged on its own as well. */
  segmentBy: z.array(z.string()).max(3).default([]),
  /** A ground-truth metric that falls by more than this (absolute) against training is degraded. */
  performanceTolerance: z.number().min(0).max(1).default(0.05),
  /** Webhooks that get Drift Detected and Model Performance Degraded as JSON POSTs, besides the bus. */
  alertTargets: z
    .array(
      z
        .string()
        .max(2048)
        .refine(
          isWebhook,
          "an https URL (or http://127.0.0.1 or localhost, for local development)",
        ),
    )
    .max(10)
    .default([]),
});
export type MonitorSettings = z.infer<typeof MonitorSettings>;

export const Baseline = z.object({
  dataset: z.string(),
  version: z.number().int().positive(),
});

export const MonitorWindow = z.object({
  id: z.string(),
  start: z.string(),
  rows: z.number().int().nonnegative(),
});

export const ClosedWindow = z.object({
  windowId: z.string(),
  start: z.string(),
  end: z.string(),
  closedBy: z.enum(["time", "count"]),
});
export type ClosedWindow = z.infer<typeof ClosedWindow>;

export const Monitor = z.object({
  id: z.string().describe("mon_<ULID>"),
  endpoint: z.string(),
  model: z.string(),
  version: z.number().int().positive(),
  baseline: Baseline,
  settings: z.object(MonitorSettings.shape),
  window: MonitorWindow,
  /**
   * The window whose predictions later windows' predictions are compared with: the first
   * judged window of the version that serves (the training data has no predictions).
   */
  predictionReference: z.string().nullable().default(null),
  /** A window closed whose report is not yet made and announced (finished by whoever sees it). */
  pendingReport: ClosedWindow.nullable().default(null),
  /** The trip of the deployment it watches: its reports and drift continue it. */
  correlationId: z.string().nullable().default(null),
  createdAt: z.string(),
  updatedAt: z.string(),
  revision: z.number().int().nonnegative(),
});
export type Monitor = z.infer<typeof Monitor>;

/** ok below half the threshold (above twice it, for a p-value), warn up to it, drift past it. */
export const DriftLevel = z.enum(["ok", "warn", "drift"]);

export const FeatureResult = z.object({
  feature: z.string(),
  type: z.enum(["numeric", "categorical", "empty"]),
  method: z.string().nullable(),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  drift: z.boolean(),
  level: DriftLevel,
  missingRate: z.number(),
  /** Categories the window holds that the baseline never had. */
  unseenCategories: z.array(z.string()).default([]),
  /** Values whose type is not the baseline's inferred type (text in a numeric column). */
  typeViolations: z.number().int().nonnegative().default(0),
});
export type FeatureResult = z.infer<typeof FeatureResult>;

export const SegmentResult = z.object({
  column: z.string(),
  value: z.string(),
  samples: z.number().int(),
  driftShare: z.number(),
  datasetDrift: z.boolean(),
  drifting: z.array(z.string()),
});
export type SegmentResult = z.infer<typeof SegmentResult>;

export const PerformanceReport = z.object({
  /** Captured predictions joined with a ground-truth label. */
  labelled: z.number().int(),
  kind: z.enum(["classification", "regression"]),
  /** accuracy, rocAuc, logLoss, precision, recall, f1 (classification) or rmse, mae. */
  metrics: z.record(z.string(), z.number().nullable()),
  /** The serving version's training metrics, as its run wrote them. */
  training: z.record(z.string(), z.number()),
  /** Metrics past the tolerance against training (judged from 30 labelled predictions). */
  degraded: z.array(
    z.object({
      metric: z.string(),
      value: z.number(),
      training: z.number(),
      threshold: z.number(),
    }),
  ),
});
export type PerformanceReport = z.infer<typeof PerformanceReport>;

export const Report = z.object({
  id: z.string().describe("rep_<ULID>"),
  monitorId: z.string(),
  endpoint: z.string(),
  model: z.string(),
  version: z.number().int(),
  baseline: Baseline,
  windowId: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  closedBy: ClosedWindow.shape.closedBy,
  /** exact: from the window's rows; sketch: from the sketches its files were folded into. */
  mode: z.enum(["exact", "sketch"]).default("exact"),
  samples: z.number().int(),
  /** false when the window held fewer than `minSamples` rows: nothing is called drift. */
  judged: z.boolean(),
  features: z.array(FeatureResult).describe("ranked: drifting first, then warn, then ok"),
  ignored: z.array(z.string()),
  driftShare: z.number(),
  datasetDrift: z.boolean(),
  /** Per `segmentBy` value, most drifting first; the first is the worst segment. */
  segments: z.array(SegmentResult).default([]),
  /** Rows with a numeric prediction. */
  predictions: z.number().int().nonnegative().default(0),
  /** The window whose predictions the `prediction` feature was compared with, if it was. */
  predictionReference: z.string().nullable().default(null),
  /** Rows of files still being stored when the window closed: not in this report. */
  lateRows: z.number().int().nonnegative().default(0),
  /** Against ground truth, once labels for the window's predictions arrive; null until then. */
  performance: PerformanceReport.nullable().default(null),
  /** CBPE's estimate from the predicted probabilities alone (binary classifiers). */
  estimatedPerformance: z.record(z.string(), z.number().nullable()).nullable().default(null),
  /** The endpoint's own figures over the window (requests, 5xx, p99 latency per variant). */
  serving: z
    .array(
      z.object({
        variant: z.string(),
        version: z.number().int(),
        requests: z.number(),
        errors5xx: z.number(),
        latencyP99Ms: z.number(),
      }),
    )
    .default([]),
  createdAt: z.string(),
});
export type Report = z.infer<typeof Report>;
