import * as Monitoring from "@gyre/core/monitoring/index";
import { prefixedId } from "@gyre/events/shared";
import { z } from "@hono/zod-openapi";

export const MonitorParam = z.object({ id: prefixedId("mon") });
export const FeatureParam = z.object({
  id: prefixedId("mon"),
  feature: z.string().min(1).max(256),
});
export const SeriesQuery = z.object(Monitoring.SeriesQuery.shape);
export const FeatureSeries = z
  .object({
    monitorId: z.string(),
    feature: z.string(),
    from: z.string(),
    to: z.string(),
    points: z.array(Monitoring.FeaturePoint),
  })
  .openapi("FeatureSeries");
export const ReportParam = z.object({ id: prefixedId("rep") });
export const Monitor = z.object(Monitoring.Monitor.shape).openapi("Monitor");
export const MonitorSettings = z
  .object(Monitoring.MonitorSettings.shape)
  .openapi("MonitorSettings");
export const Report = z.object(Monitoring.Report.shape).openapi("MonitoringReport");
export const Baseline = z
  .strictObject({ dataset: z.string().min(1), version: z.number().int().positive() })
  .openapi("MonitorBaseline");
export const GroundTruth = z.object(Monitoring.GroundTruth.shape).strict().openapi("GroundTruth");
export const GroundTruthAccepted = z
  .object({ accepted: z.number().int(), uri: z.string() })
  .openapi("GroundTruthAccepted");
