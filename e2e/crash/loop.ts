import { readFileSync } from "node:fs";
import { join } from "node:path";
import { churnCsv } from "@gyre/examples/churn/generate";
import { repoRoot } from "@gyre/local/paths";
import { ApiError, type CampaignApi, type Json } from "./api";
import { putDataset } from "./s3";
import { sleep } from "./sleep";

/** Where the driver is in a trip; crash points are aimed at these. */
export const PHASES = [
  "push",
  "training",
  "approve",
  "bake",
  "window",
  "drift",
  "retrain",
  "register",
] as const;
export type Phase = (typeof PHASES)[number] | "setup" | "done";

export interface LoopSettings {
  bakeSeconds: number;
  windowRows: number;
  trainingRows: number;
}

/** What the driver did on purpose, so the audit can tell it from what a crash did. */
export interface Intended {
  /** Deploys the driver asked for after a restart rolled a bake back. */
  redeploys: { version: number; after: string }[];
  /** Rows of traffic sent beyond a window's size because rows captured before a crash were lost. */
  topUps: number;
  /** Rows of traffic the endpoint answered. */
  rowsAnswered: number;
}

const CHUNK = 100;
/** Capture flushes every 2 s and windows close on the next tick: longer than this, rows were lost. */
const REPORT_WAIT_MS = 8_000;
const STEP_MS = 150_000;
const CHURN = "churn";

/** Thrown when the loop stops moving: the audit then names the transition that never happened. */
export class Stalled extends Error {}

/**
 * Walks Gyre's loop through its HTTP API and S3 only, deciding every step from the state it
 * reads, never from remembered progress or awaited events: after any restart it picks up where
 * Gyre is, and a lost transition shows up as a step that never comes.
 */
export class LoopDriver {
  phase: Phase = "setup";
  trip = 0;
  /** Chunks of traffic sent into the current window (a crash point waits for one). */
  windowChunks = 0;
  readonly intended: Intended = { redeploys: [], topUps: 0, rowsAnswered: 0 };
  /** When each trip entered each phase (ms since the driver was made), for the campaign's timeline. */
  readonly timeline: { trip: number; phase: Phase; at: number }[] = [];
  readonly began = Date.now();
  private readonly seenReports = new Set<string>();

  constructor(
    private readonly api: CampaignApi,
    private readonly s3Endpoint: string,
    private readonly settings: LoopSettings,
  ) {}

  async setUp(): Promise<void> {
    const pipeline = JSON.parse(
      readFileSync(join(repoRoot, "examples/churn/pipeline.json"), "utf8"),
    );
    // Up to 10 attempts (Batch's limit) so a run survives every crash the campaign aims at it.
    pipeline.job.retry.attempts = 10;
    pipeline.trigger = { onNewData: true, onDrift: true, debounceSeconds: 1 };
    // An attempt outlasts the longest training kill delay (1.5 s after it is seen running), so
    // that kill always cuts one off: without the sleep an attempt takes about a second here.
    pipeline.hyperparameters.sleepSeconds = 2;
    await this.createOnce("/pipelines", pipeline);
    await this.createOnce("/endpoints", {
      name: CHURN,
      model: CHURN,
      rollout: {
        type: "CANARY",
        canarySize: { type: "CAPACITY_PERCENT", value: 10 },
        waitIntervalInSeconds: this.settings.bakeSeconds,
      },
    });
  }

  /** One trip: new data → trained, approved, baked and serving → watched → drift → retrained. */
  async runTrip(trip: number): Promise<{ served: number; retrained: number }> {
    this.trip = trip;
    const dataset = await this.push(trip);
    const run = await this.trained(
      "training",
      (r) => r.trigger === "new-data" && r.dataset.version === dataset,
    );
    const served = await this.registered(run.id);
    this.enter("approve");
    await this.approve(served);
    this.enter("bake");
    await this.serving(served);
    const monitor = await this.monitorOn(served);
    this.enter("window");
    await this.window(monitor, churnCsv({ rows: this.settings.windowRows, seed: trip * 1000 + 1 }));
    this.enter("drift");
    const drifted = await this.drift(monitor, trip);
    const retrain = await this.trained(
      "retrain",
      (r) => r.trigger === "drift" && r.driftReportId === drifted,
    );
    this.enter("register");
    const retrained = await this.registered(retrain.id);
    this.enter("done");
    return { served, retrained };
  }

  private enter(phase: Phase) {
    if (phase !== this.phase)
      this.timeline.push({ trip: this.trip, phase, at: Date.now() - this.began });
    this.phase = phase;
    this.windowChunks = 0;
  }

  private async createOnce(path: string, body: Json) {
    await this.api.json("POST", path, body).catch((error) => {
      // Sent again after a crash cut the answer off: it was created the first time.
      if (!(error instanceof ApiError && error.status === 409)) throw error;
    });
  }

  private async push(trip: number): Promise<number> {
    this.enter("push");
    const csv = churnCsv({ rows: this.settings.trainingRows, seed: trip });
    const sha256 = await putDataset(this.s3Endpoint, `datasets/${CHURN}/crash-${trip}.csv`, csv);
    const version = await this.until(`dataset version of trip ${trip}`, async () => {
      const versions = await this.api.all(`/datasets/${CHURN}/versions`).catch(notFound);
      return versions.find((v) => v.sha256 === sha256)?.version;
    });
    return version;
  }

  private async trained(phase: Phase, isRun: (run: Json) => boolean): Promise<Json> {
    this.enter(phase);
    return this.until(`${phase} run to succeed`, async () => {
      const run = (await this.api.all(`/runs?pipeline=${CHURN}`)).find(isRun);
      if (run && run.status !== "SUCCEEDED" && ["FAILED", "CANCELLED"].includes(run.status))
        throw new Stalled(`run ${run.id} ended ${run.status}: ${run.reason}`);
      return run?.status === "SUCCEEDED" ? run : undefined;
    });
  }

  private registered(runId: string): Promise<number> {
    return this.until(`model version of ${runId}`, async () => {
      const versions = await this.api.all(`/models/${CHURN}/versions`).catch(notFound);
      return versions.find((v) => v.runId === runId)?.version;
    });
  }

  private async approve(version: number) {
    const path = `/models/${CHURN}/versions/${version}`;
    const stored = await this.api.get(path);
    if (stored.status !== "PendingManualApproval") return;
    await this.api.json("POST", `${path}/approve`, { comment: "crash campaign" }).catch((error) => {
      if (!(error instanceof ApiError && error.status === 409)) throw error;
    });
  }

  /** Until `version` serves; a bake a restart rolled back is deployed again, as an operator would. */
  private serving(version: number): Promise<true> {
    return this.until(`v${version} serving`, async () => {
      const deployments = (await this.api.all(`/deployments?endpoint=${CHURN}`)).filter(
        (d) => d.version === version,
      );
      const [newest] = deployments;
      if (newest?.status === "Succeeded") return true;
      if (newest?.status === "RolledBack" && /^restart:/.test(newest.reason ?? ""))
        await this.redeploy(version, newest.id);
      else if (newest && newest.status !== "InProgress")
        throw new Stalled(
          `deployment ${newest.id} of v${version} ${newest.status}: ${newest.reason}`,
        );
      return undefined;
    });
  }

  private async redeploy(version: number, after: string) {
    if (this.intended.redeploys.some((r) => r.after === after)) return;
    await this.api
      .json("POST", `/endpoints/${CHURN}/deploy`, { version })
      .then(() => this.intended.redeploys.push({ version, after }))
      .catch((error) => {
        // 409: a rollout already runs (this deploy's first send got through before a crash).
        if (!(error instanceof ApiError && error.status === 409)) throw error;
      });
  }

  private async monitorOn(version: number): Promise<Json> {
    const monitor = await this.until(`the monitor on v${version}`, async () =>
      (await this.api.all("/monitors")).find((m) => m.endpoint === CHURN && m.version === version),
    );
    const { maxSamples, minSamples } = monitor.settings;
    const rows = this.settings.windowRows;
    if (maxSamples !== rows || minSamples !== rows)
      await this.api.json("PUT", `/monitors/${monitor.id}`, {
        ...monitor.settings,
        maxSamples: rows,
        minSamples: rows,
      });
    return monitor;
  }

  /** Sends a window of traffic; the next new report of the monitor. Rows a crash lost are topped up. */
  private async window(monitor: Json, csv: string): Promise<Json> {
    const [header, ...rows] = csv.trimEnd().split("\n");
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.invoke(header as string, rows.slice(i, i + CHUNK));
      this.windowChunks++;
    }
    for (let topUp = 0; topUp <= 10; topUp++) {
      const report = await this.newReport(monitor, REPORT_WAIT_MS);
      if (report) return report;
      this.intended.topUps += CHUNK;
      await this.invoke(header as string, rows.slice(0, CHUNK));
    }
    throw new Stalled(`no report from monitor ${monitor.id} after ${rows.length} rows and top-ups`);
  }

  /** Windows of drifted traffic until one reports drift; its report id. */
  private async drift(monitor: Json, trip: number): Promise<string> {
    for (let attempt = 1; attempt <= 4; attempt++) {
      const csv = churnCsv({
        rows: this.settings.windowRows,
        seed: trip * 1000 + 10 + attempt,
        drift: 0.6,
      });
      this.windowChunks = 0;
      const report = await this.window(monitor, csv);
      if (report.datasetDrift) return report.id;
    }
    throw new Stalled(`four windows of drifted traffic and no drift on monitor ${monitor.id}`);
  }

  private async newReport(monitor: Json, withinMs: number): Promise<Json | undefined> {
    const deadline = Date.now() + withinMs;
    while (Date.now() < deadline) {
      const reports = await this.api.all(`/monitors/${monitor.id}/reports`);
      const fresh = reports.find((r) => !this.seenReports.has(r.id));
      if (fresh) {
        this.seenReports.add(fresh.id);
        return fresh;
      }
      await sleep(300);
    }
    return undefined;
  }

  private async invoke(header: string, rows: string[]) {
    const res = await this.api.send("POST", `/endpoints/${CHURN}/invocations`, {
      body: `${header}\n${rows.join("\n")}\n`,
      contentType: "text/csv",
    });
    if (!res.ok) throw new Stalled(`invocations answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
    this.intended.rowsAnswered += rows.length;
  }

  private async until<T>(what: string, read: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + STEP_MS;
    for (;;) {
      const value = await read();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Stalled(`trip ${this.trip} stalled waiting for ${what}`);
      await sleep(250);
    }
  }
}

function notFound(error: unknown): Json[] {
  if (error instanceof ApiError && error.status === 404) return [];
  throw error;
}
