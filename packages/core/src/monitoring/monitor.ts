import { z } from "zod";

export const MonitorSettings = z.strictObject({
  /** A window closes when it holds this many captured rows (then a report is made). */
  minSamples: z.number().int().min(1).max(1_000_000).default(500),
  /** Features left out of drift (besides those that look like identifiers). */
  ignore: z.array(z.string()).default([]),
  /** Per-feature thresholds over the method's default. */
  thresholds: z.record(z.string(), z.number().nonnegative()).default({}),
});

export const Monitor = z.object({
  id: z.string().describe("mon_<ULID>"),
  endpoint: z.string(),
  model: z.string(),
  version: z.number().int().positive(),
  baseline: z.object({ dataset: z.string(), version: z.number().int().positive() }),
  settings: z.object(MonitorSettings.shape),
  window: z.object({ id: z.string(), start: z.string(), rows: z.number().int().nonnegative() }),
  /** The trip of the deployment it watches: its reports and drift continue it. */
  correlationId: z.string().nullable().default(null),
  createdAt: z.string(),
  updatedAt: z.string(),
  revision: z.number().int().nonnegative(),
});
export type Monitor = z.infer<typeof Monitor>;

export const FeatureResult = z.object({
  feature: z.string(),
  type: z.enum(["numeric", "categorical", "empty"]),
  method: z.string().nullable(),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  drift: z.boolean(),
  missingRate: z.number(),
});

export const Report = z.object({
  id: z.string().describe("rep_<ULID>"),
  monitorId: z.string(),
  endpoint: z.string(),
  model: z.string(),
  version: z.number().int(),
  baseline: Monitor.shape.baseline,
  windowId: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  samples: z.number().int(),
  features: z.array(FeatureResult).describe("ranked: drifting first, then by value"),
  ignored: z.array(z.string()),
  driftShare: z.number(),
  datasetDrift: z.boolean(),
  createdAt: z.string(),
});
export type Report = z.infer<typeof Report>;
