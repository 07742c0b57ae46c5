import { table } from "../../table";
import type { Detail, Event } from "./trip";

export interface TimelineEntry {
  detailType: string;
  source: string;
  eventId: string;
  time: string;
  /** Seconds since the push (the S3 Object Created event). */
  sincePush: number;
  sincePrevious: number;
  summary: string;
}

export interface Timeline {
  correlationId: string;
  /** Hops in the order the bus received them, the push first. */
  hops: TimelineEntry[];
  /** Push → Deployment Succeeded: data in to a model serving it, in seconds. */
  pushToServing: number;
  /** Drift Detected → the retrained version registered, awaiting approval, in seconds. */
  driftToRetrainPending: number;
}

/** The trip as a timeline: the push, then every event of its correlationId, timed by their `time`. */
export function buildTimeline(
  correlationId: string,
  push: Event,
  trip: Event[],
  retrained: number,
): Timeline {
  const start = Date.parse(push.time);
  let previous = start;
  const hops = [push, ...trip].map((event) => {
    const at = Date.parse(event.time);
    const entry = {
      detailType: event["detail-type"],
      source: event.source,
      eventId: event.id,
      time: event.time,
      sincePush: (at - start) / 1000,
      sincePrevious: (at - previous) / 1000,
      summary: summarize(event["detail-type"], event.detail),
    };
    previous = at;
    return entry;
  });
  const at = (type: string, match: (d: Detail) => boolean = () => true) =>
    Date.parse(trip.find((e) => e["detail-type"] === type && match(e.detail))?.time ?? "");
  const serving = at("Deployment Succeeded");
  const drift = at("Drift Detected");
  const pending = at("Model Version Registered", (d) => d.version === retrained);
  return {
    correlationId,
    hops,
    pushToServing: (serving - start) / 1000,
    driftToRetrainPending: (pending - drift) / 1000,
  };
}

/** One line per hop: since the push, since the hop before, the detail-type and what it says. */
export function formatTimeline(timeline: Timeline): string {
  const rows = timeline.hops.map((h) => [
    `+${h.sincePush}s`,
    `+${h.sincePrevious}s`,
    h.detailType,
    h.summary,
  ]);
  return table(["since push", "since previous", "event", "what"], rows);
}

const SUMMARIES: Record<string, (d: Detail) => string> = {
  "Object Created": (d) => `s3://${d.bucket?.name}/${d.object?.key}`,
  "Dataset Version Created": (d) => `${d.dataset} v${d.version}: ${d.rows} rows`,
  "Training Run Started": (d) =>
    `${d.runId} on ${d.dataset?.name} v${d.dataset?.version} (attempt ${d.attempt})`,
  "Training Run Succeeded": (d) =>
    `${d.runId} in ${Number(d.durationSeconds).toFixed(1)}s: ${metrics(d.metrics)}`,
  "Model Version Registered": (d) => `${d.model} v${d.version} ${d.status}`,
  "Model Version Approved": (d) => `${d.model} v${d.version} by ${d.metadata?.actor}`,
  "Deployment Started": (d) =>
    `${d.deploymentId}: ${d.model} v${d.version} on endpoint ${d.endpoint} (${strategy(d.strategy)})`,
  "Deployment Succeeded": (d) => `endpoint ${d.endpoint} serves ${d.model} v${d.version}`,
  "Model Alias Changed": (d) => `${d.model} ${d.alias}: ${d.from ?? "-"} -> ${d.to ?? "-"}`,
  "Monitoring Report Created": (d) =>
    `${d.reportId}: ${d.samples} samples, drift ${d.drifted ? "yes" : "no"}`,
  "Drift Detected": (d) =>
    `${d.model} v${d.version}: ${(d.features as { feature: string }[]).map((f) => f.feature).join(", ")}`,
};

export function summarize(detailType: string, detail: Detail): string {
  return SUMMARIES[detailType]?.(detail) ?? "";
}

function metrics(values: Record<string, number> = {}): string {
  return Object.entries(values)
    .slice(0, 3)
    .map(([name, value]) => `${name}=${Number(value.toPrecision(3))}`)
    .join(" ");
}

function strategy(
  s: { type: string; canaryPercent?: number; bakeSeconds?: number } = { type: "" },
) {
  const canary = s.canaryPercent === undefined ? "" : ` ${s.canaryPercent}%`;
  const bake = s.bakeSeconds === undefined ? "" : `, bake ${s.bakeSeconds}s`;
  return `${s.type}${canary}${bake}`;
}
