import * as z from "zod";
import { defineEvent, gyreDetail } from "./define";
import { IsoTime, S3Uri } from "./shared";

export const source = "gyre.monitoring";

const Monitor = {
  monitorId: z.string().describe("mon_<ULID>"),
  endpoint: z.string(),
  model: z.string(),
  version: z.number().int().positive(),
  windowStart: IsoTime,
  windowEnd: IsoTime,
};

export const FeatureDrift = z.object({
  feature: z.string(),
  statistic: z.enum(["psi", "ks", "chi2", "jensen-shannon", "wasserstein"]),
  score: z.number(),
  threshold: z.number(),
});

export const DriftDetected = defineEvent(
  source,
  "Drift Detected",
  gyreDetail({
    ...Monitor,
    baseline: z.object({ dataset: z.string(), version: z.number().int().positive() }),
    features: z.array(FeatureDrift).min(1),
    reportId: z.string().optional().describe("the report that found it"),
  }),
);

export const ModelPerformanceDegraded = defineEvent(
  source,
  "Model Performance Degraded",
  gyreDetail({ ...Monitor, metric: z.string(), value: z.number(), threshold: z.number() }),
);

export const MonitoringReportCreated = defineEvent(
  source,
  "Monitoring Report Created",
  gyreDetail({
    ...Monitor,
    reportId: z.string(),
    reportUri: S3Uri,
    drifted: z.boolean(),
    samples: z.number().int().nonnegative(),
  }),
);
