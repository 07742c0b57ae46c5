import * as Monitoring from "@gyre/core/monitoring/index";
import { createApp } from "@gyre/core/platform/http/app";
import { authedRoute, notFound } from "@gyre/core/platform/http/route";
import type { Platform } from "@gyre/core/platform/platform";
import { lambdaApi } from "../shared/lambda-api";
import { json, jsonBody, ListQuery, pageOf } from "../shared/schemas";
import {
  Baseline,
  DriftQuery,
  FeatureParam,
  FeatureSeries,
  GroundTruth,
  GroundTruthAccepted,
  Monitor,
  MonitorParam,
  MonitorSettings,
  RangeDrift,
  Report,
  ReportParam,
  SeriesQuery,
} from "./schemas";

const missing = notFound("No such monitor or report");

/** /monitors and /reports: what watches each endpoint, and what each window showed. */
export function monitoringApi(platform: Platform) {
  const { tokens } = platform;
  const app = createApp();
  const tags = ["monitoring"];
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/monitors",
      tags,
      summary: "List monitors (one per deployed endpoint)",
      request: { query: ListQuery },
      responses: { 200: json(pageOf(Monitor), "A page of monitors") },
    }),
    async (c) => c.json(await Monitoring.listMonitors(c.req.valid("query"), platform), 200),
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/monitors/{id}",
      tags,
      summary: "One monitor: its baseline, settings and current window",
      request: { params: MonitorParam },
      responses: { 200: json(Monitor, "The monitor"), ...missing },
    }),
    async (c) => c.json(await Monitoring.getMonitor(c.req.valid("param").id, platform), 200),
  );
  app.openapi(
    authedRoute(tokens, "approver", {
      method: "put",
      path: "/monitors/{id}",
      tags,
      summary:
        "Replace a monitor's settings: window length and sample counts, ignored features, methods, thresholds, segments",
      request: { params: MonitorParam, ...jsonBody(MonitorSettings) },
      responses: { 200: json(Monitor, "The monitor"), ...missing },
    }),
    async (c) =>
      c.json(
        await Monitoring.updateMonitor(c.req.valid("param").id, c.req.valid("json"), platform),
        200,
      ),
  );
  app.openapi(
    authedRoute(tokens, "approver", {
      method: "post",
      path: "/monitors/{id}/baseline",
      tags,
      summary:
        "Compare the endpoint's traffic with another dataset version, the open window included",
      request: { params: MonitorParam, ...jsonBody(Baseline) },
      responses: { 200: json(Monitor, "The monitor"), ...missing },
    }),
    async (c) =>
      c.json(
        await Monitoring.rebaseline(c.req.valid("param").id, c.req.valid("json"), platform),
        200,
      ),
  );
  app.openapi(
    authedRoute(tokens, "pipeline", {
      method: "post",
      path: "/monitors/{id}/ground-truth",
      tags,
      summary:
        "Labels for captured predictions, by inference id (x-gyre-inference-id of the invocation)",
      description:
        "Up to 10,000 `{eventId, label}` items: the label is 0/1 or a boolean for a classifier, the true value for a regressor. They are joined with the predictions captured in the open window and the last 48 closed ones, within seconds; a pipeline may put the same JSON Lines under `ground-truth/<endpoint>/` in S3 instead.",
      request: { params: MonitorParam, ...jsonBody(GroundTruth) },
      responses: {
        202: json(GroundTruthAccepted, "Accepted: joined as its file lands"),
        ...missing,
      },
    }),
    async (c) =>
      c.json(
        await Monitoring.postGroundTruth(c.req.valid("param").id, c.req.valid("json"), platform),
        202,
      ),
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/monitors/{id}/reports",
      tags,
      summary: "A monitor's reports, one per closed window, newest first",
      request: { params: MonitorParam, query: ListQuery },
      responses: { 200: json(pageOf(Report), "A page of reports") },
    }),
    async (c) =>
      c.json(
        await Monitoring.listReports(c.req.valid("param").id, c.req.valid("query"), platform),
        200,
      ),
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/monitors/{id}/features/{feature}",
      tags,
      summary: "One feature over time: its value, threshold and level in every report of the range",
      request: { params: FeatureParam, query: SeriesQuery },
      responses: { 200: json(FeatureSeries, "The feature's points, oldest first"), ...missing },
    }),
    async (c) => {
      const { id, feature } = c.req.valid("param");
      return c.json(
        await Monitoring.featureSeries(id, feature, c.req.valid("query"), platform),
        200,
      );
    },
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/monitors/{id}/drift",
      tags,
      summary: "Drift over any range of hours (up to 30 days), for all traffic or one segment",
      description:
        "Merged from the hourly sketches kept as capture files arrive (the current hour included), never by reading capture files again; sketch mode with the bounds of docs/drift.md.",
      request: { params: MonitorParam, query: DriftQuery },
      responses: { 200: json(RangeDrift, "Each feature's verdict over the range"), ...missing },
    }),
    async (c) =>
      c.json(
        await Monitoring.driftOver(c.req.valid("param").id, c.req.valid("query"), platform),
        200,
      ),
  );
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/reports/{id}",
      tags,
      summary: "One report: every feature's method, value, threshold and verdict, ranked",
      request: { params: ReportParam },
      responses: { 200: json(Report, "The report"), ...missing },
    }),
    async (c) => c.json(await Monitoring.getReport(c.req.valid("param").id, platform), 200),
  );
  return app;
}

export const make = monitoringApi;

/** The Lambda entry point on AWS. */
export const lambda = lambdaApi(make);
