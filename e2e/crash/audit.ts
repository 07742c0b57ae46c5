import { subscriptions } from "@gyre/functions/services";
import { watchedObjectKeys } from "@gyre/functions/wiring";
import type { CampaignApi, Json } from "./api";
import type { Crash } from "./crasher";
import type { Intended } from "./loop";
import { bucketKeys, capturedRows } from "./s3";

/** A transition the final state says happened (or should have) and the archive's count of its event. */
export interface Finding {
  transition: string;
  subject: string;
  detail: string;
}

export interface Audit {
  lost: Finding[];
  duplicates: Finding[];
  /** Events published more than once for one transition: allowed (delivery is at least once), but counted. */
  resent: Finding[];
  /** Runs in flight at a kill: whether that attempt was failed as a lost host and the run retried. */
  inFlight: {
    runId: string;
    attempt: number;
    reason: string | null;
    lostHost: boolean;
    retried: boolean;
  }[];
  counts: Record<string, number>;
  /** Traffic rows Gyre answered, found in capture files, and judged in reports (the last window may still be open). */
  rows: { answered: number; captured: number; judged: number };
}

const LOST_HOST = /^Host EC2 \(instance \S+\) terminated\.$/;

/**
 * The final state against the event archive: every state change the services made has its
 * event (none lost), no thing exists twice for one cause (no duplicate), and every attempt a
 * kill cut off was failed as Batch fails a lost host and retried.
 */
export async function audit(
  api: CampaignApi,
  s3Endpoint: string,
  crashes: Crash[],
  intended: Intended,
): Promise<Audit> {
  const state = await readState(api);
  const events = await archive(api);
  const objects = await bucketKeys(s3Endpoint);
  const lost: Finding[] = [];
  const duplicates: Finding[] = [];
  const resent: Finding[] = [];
  const expectOnce = (transition: string, subject: string, key: (detail: Json) => boolean) => {
    const n = (events.get(transition) ?? []).filter(key).length;
    if (n === 0)
      lost.push({ transition, subject, detail: "in the state, no event in the archive" });
    if (n > 1) resent.push({ transition, subject, detail: `${n} events` });
  };
  const once = <T>(what: string, items: T[], key: (item: T) => string) => {
    const seen = new Map<string, number>();
    for (const item of items) seen.set(key(item), (seen.get(key(item)) ?? 0) + 1);
    for (const [k, n] of seen)
      if (n > 1) duplicates.push({ transition: what, subject: k, detail: `${n} of them` });
  };

  once("dataset version", state.datasets, (d) => d.sha256);
  for (const d of state.datasets)
    expectOnce("Dataset Version Created", `churn v${d.version}`, (e) => e.version === d.version);

  once("training run", state.runs, (r) =>
    r.trigger === "drift" ? `drift ${r.driftReportId}` : `data v${r.dataset.version}`,
  );
  for (const r of state.runs) {
    expectOnce("Training Run Started", r.id, (e) => e.runId === r.id);
    if (r.status === "SUCCEEDED")
      expectOnce("Training Run Succeeded", r.id, (e) => e.runId === r.id);
    else
      lost.push({
        transition: "Training Run Succeeded",
        subject: r.id,
        detail: `run is ${r.status}`,
      });
  }

  once("model version", state.versions, (v) => v.runId);
  for (const v of state.versions) {
    expectOnce("Model Version Registered", `churn v${v.version}`, (e) => e.version === v.version);
    if (v.status === "Approved")
      expectOnce("Model Version Approved", `churn v${v.version}`, (e) => e.version === v.version);
  }
  for (const d of state.datasets)
    if (!state.runs.some((r: Json) => r.trigger === "new-data" && r.dataset.version === d.version))
      lost.push({
        transition: "Training Run Started",
        subject: `churn v${d.version}`,
        detail: "new dataset version, no run",
      });
  for (const report of state.reports.filter((r: Json) => r.datasetDrift))
    if (!state.runs.some((r: Json) => r.driftReportId === report.id))
      lost.push({
        transition: "Training Run Started",
        subject: report.id,
        detail: "drift detected, no retraining run",
      });
  for (const r of state.runs.filter((r: Json) => r.status === "SUCCEEDED"))
    if (!state.versions.some((v: Json) => v.runId === r.id))
      lost.push({
        transition: "Model Version Registered",
        subject: r.id,
        detail: "succeeded run, no version",
      });

  checkDeployments(state, intended, lost, duplicates, expectOnce);
  const announced = new Set((events.get("Object Created") ?? []).map((e) => e.object.key));
  for (const key of objects.filter((k) => isWatched(k) && !announced.has(k)))
    lost.push({
      transition: "Object Created",
      subject: key,
      detail: "object under a watched key, no event",
    });

  for (const report of state.reports) {
    expectOnce("Monitoring Report Created", report.id, (e) => e.reportId === report.id);
    if (report.datasetDrift)
      expectOnce("Drift Detected", report.id, (e) => e.reportId === report.id);
  }

  const inFlight = crashes
    .flatMap((c) => c.inFlight.map((r) => ({ ...r, killedAt: c.killedAt })))
    .filter(({ runId, attempt, killedAt }) => !endedBefore(state, runId, attempt, killedAt))
    .map(({ runId, attempt }) => {
      const run = state.runs.find((r: Json) => r.id === runId);
      const reason = run?.attempts[attempt - 1]?.statusReason ?? null;
      return {
        runId,
        attempt,
        reason,
        lostHost: LOST_HOST.test(reason ?? ""),
        retried: run?.attempts.length > attempt || false,
      };
    });
  const counts = {
    datasets: state.datasets.length,
    runs: state.runs.length,
    versions: state.versions.length,
    deployments: state.deployments.length,
    reports: state.reports.length,
    attempts: state.runs.reduce((n: number, r: Json) => n + r.attempts.length, 0),
  };
  const rows = {
    answered: intended.rowsAnswered,
    captured: await capturedRows(s3Endpoint),
    judged: state.reports.reduce((n: number, r: Json) => n + r.samples, 0),
  };
  return { lost, duplicates, resent, inFlight, counts, rows };
}

/** Each approved version served once; a rolled-back deployment only where a restart cut its bake and the driver deployed again. */
function checkDeployments(
  state: State,
  intended: Intended,
  lost: Finding[],
  duplicates: Finding[],
  expectOnce: (transition: string, subject: string, key: (detail: Json) => boolean) => void,
) {
  for (const v of state.versions.filter((v: Json) => v.status === "Approved")) {
    const of = state.deployments.filter((d: Json) => d.version === v.version);
    const succeeded = of.filter((d: Json) => d.status === "Succeeded");
    const rolledBack = of.filter((d: Json) => d.status === "RolledBack");
    const redeploys = intended.redeploys.filter((r) => r.version === v.version).length;
    if (succeeded.length === 0)
      lost.push({
        transition: "Deployment Succeeded",
        subject: `churn v${v.version}`,
        detail: "approved, never served",
      });
    if (succeeded.length > 1)
      duplicates.push({
        transition: "deployment",
        subject: `churn v${v.version}`,
        detail: `${succeeded.length} succeeded`,
      });
    if (of.length !== 1 + redeploys)
      duplicates.push({
        transition: "deployment",
        subject: `churn v${v.version}`,
        detail: `${of.length} deployments for ${redeploys} redeploys`,
      });
    for (const d of rolledBack)
      if (!/^restart:/.test(d.reason ?? ""))
        lost.push({
          transition: "Deployment Succeeded",
          subject: d.id,
          detail: `rolled back: ${d.reason}`,
        });
  }
  for (const d of state.deployments) {
    expectOnce("Deployment Started", d.id, (e) => e.deploymentId === d.id);
    if (d.status === "Succeeded")
      expectOnce("Deployment Succeeded", d.id, (e) => e.deploymentId === d.id);
    if (d.status === "RolledBack")
      expectOnce("Deployment Rolled Back", d.id, (e) => e.deploymentId === d.id);
  }
}

type State = Awaited<ReturnType<typeof readState>>;

async function readState(api: CampaignApi) {
  const monitors = await api.all("/monitors");
  const reports = (
    await Promise.all(monitors.map((m) => api.all(`/monitors/${m.id}/reports`)))
  ).flat();
  return {
    datasets: await api.all("/datasets/churn/versions"),
    runs: await api.all("/runs?pipeline=churn"),
    versions: await api.all("/models/churn/versions"),
    deployments: await api.all("/deployments?endpoint=churn"),
    reports,
  };
}

const AUDITED = [
  "Object Created",
  "Dataset Version Created",
  "Training Run Started",
  "Training Run Succeeded",
  "Model Version Registered",
  "Model Version Approved",
  "Deployment Started",
  "Deployment Succeeded",
  "Deployment Rolled Back",
  "Monitoring Report Created",
  "Drift Detected",
];

/** The archive's details by detail-type (replays aside): every event the bus received. */
async function archive(api: CampaignApi): Promise<Map<string, Json[]>> {
  const byType = new Map<string, Json[]>();
  for (const type of AUDITED) {
    const events = await api.all(`/events?detailType=${encodeURIComponent(type)}`);
    byType.set(
      type,
      events.filter((e) => !e["replay-name"]).map((e) => e.detail),
    );
  }
  return byType;
}

/** The prefixes whose S3 events reach the bus (Gyre's own objects raise none, as on AWS). */
const watchedPrefixes = (watchedObjectKeys(subscriptions) ?? [{ prefix: "" }]).map(
  (condition) => (condition as { prefix: string }).prefix,
);

function isWatched(key: string): boolean {
  return watchedPrefixes.some((prefix) => key.startsWith(prefix));
}

/**
 * Whether the attempt ended on its own before the kill: the crasher reads what is in flight a
 * moment before it kills, and an attempt can finish in that moment; it was not cut off.
 */
function endedBefore(state: Json, runId: string, attempt: number, killedAt: number): boolean {
  const run = state.runs.find((r: Json) => r.id === runId);
  const ended = run?.attempts[attempt - 1];
  if (!ended?.stoppedAt || LOST_HOST.test(ended.statusReason ?? "")) return false;
  return Date.parse(ended.stoppedAt) < killedAt;
}
