import { churnCsv } from "@gyre/examples/churn/generate";
import { type Api, CliError, httpClient, ok, type Schemas, typed } from "../../client";
import { pushChurn } from "./push";
import { CHURN, type DemoSettings } from "./settings";
import { ensureEndpoint, ensurePipeline, type Outcome, tuneMonitor } from "./setup";
import { buildTimeline, summarize, type Timeline } from "./timeline";
import { sendRows } from "./traffic";
import { awaitHop, type Detail, type Event, type Hop, recentEvents, tripEvents } from "./trip";
import { poll, type Watch } from "./wait";

export interface DemoTarget {
  url: string;
  /** Pushes data, creates the pipeline, sends traffic. */
  pipelineToken: string;
  /** Approves the version, sets up the endpoint and its monitor. */
  approverToken: string;
  /** Where the S3 settings come from ($GYRE_S3_ENDPOINT, $GYRE_BUCKET, AWS credentials). */
  env?: NodeJS.ProcessEnv;
}

export interface DemoOptions {
  settings: DemoSettings;
  progress: (line: string) => void;
  pollMs?: number;
}

export interface DemoResult {
  setup: { pipeline: Outcome; endpoint: Outcome; monitor: Outcome };
  dataset: { name: string; version: number; key: string; seed: number };
  /** The version the push trained, approved and now serving. */
  served: number;
  /** The version drift retrained, awaiting approval. */
  retrained: number;
  timeline: Timeline;
  consoleUrl: string;
}

/** One loop round Gyre: push → train → approve → canary → serve → drift → retrain, timed by its events. */
export async function runDemo(target: DemoTarget, options: DemoOptions): Promise<DemoResult> {
  const loop = new Loop(target, options);
  const setup = await loop.setUp();
  const push = await loop.push();
  const served = await loop.trainApproveServe();
  const monitor = await loop.watchTraffic(served);
  const retrained = await loop.driftAndRetrain(served);
  const trip = await tripEvents(loop.viewer, loop.trip);
  return {
    setup: { ...setup, monitor },
    dataset: push.dataset,
    served,
    retrained,
    timeline: buildTimeline(loop.trip, push.event, trip, retrained),
    consoleUrl: `${target.url}/models/${CHURN}`,
  };
}

/** Windows of drifted traffic sent before the demo gives up on drift being detected. */
const DRIFT_WINDOWS = 3;

class Loop {
  readonly pipeline: Api;
  readonly approver: Api;
  readonly viewer: Api;
  readonly watch: Watch;
  trip = "";
  private pushedAt = 0;
  private seed = 0;
  private readonly reports = new Set<string>();

  constructor(
    private readonly target: DemoTarget,
    private readonly options: DemoOptions,
  ) {
    this.pipeline = typed(httpClient(target.url, target.pipelineToken));
    this.approver = typed(httpClient(target.url, target.approverToken));
    this.viewer = this.pipeline;
    this.watch = {
      timeoutMs: options.settings.hopTimeoutSeconds * 1000,
      pollMs: options.pollMs ?? 250,
      progress: options.progress,
    };
  }

  async setUp() {
    const say = this.options.progress;
    const pipeline = await ensurePipeline(this.pipeline, this.options.settings);
    say(`pipeline ${CHURN} (onNewData, onDrift): ${pipeline}`);
    const endpoint = await ensureEndpoint(this.approver, this.options.settings);
    say(`endpoint ${CHURN} (10% canary, bake ${this.options.settings.bakeSeconds}s): ${endpoint}`);
    return { pipeline, endpoint };
  }

  async push() {
    const health = await ok(this.pipeline.GET("/health"));
    const rows = this.options.settings.trainingRows;
    const pushed = await pushChurn(this.pipeline, health, rows, this.target.env ?? process.env);
    this.seed = pushed.seed;
    this.options.progress(
      `pushed ${rows} rows of churn data to ${pushed.key} (seed ${pushed.seed})`,
    );
    const created = await poll(
      { name: "the dataset version", hint: "gyre datasets versions churn; gyre events tail" },
      () => this.versionOf(pushed.sha256, pushed.since),
      this.watch,
    );
    this.trip = created.detail.metadata.correlationId;
    const event = await this.objectCreated(created.detail.metadata.causationId, pushed.since);
    this.pushedAt = Date.parse(event.time);
    this.options.progress(`trip ${this.trip}`);
    this.seen(created);
    const dataset = { name: CHURN, version: created.detail.version, key: pushed.key };
    return { event, dataset: { ...dataset, seed: pushed.seed } };
  }

  async trainApproveServe(): Promise<number> {
    const started = await this.hop({
      name: "the training run",
      detailType: "Training Run Started",
    });
    const runId = started.detail.runId;
    await this.hop({
      name: "training to finish",
      detailType: "Training Run Succeeded",
      match: (d) => d.runId === runId,
      hint: `gyre runs logs ${runId}`,
    });
    const registered = await this.hop({
      name: "the model version",
      detailType: "Model Version Registered",
    });
    const version = registered.detail.version as number;
    if (registered.detail.status === "PendingManualApproval") await this.approve(version);
    await this.hop({
      name: "the approval",
      detailType: "Model Version Approved",
      match: (d) => d.version === version,
    });
    const ofVersion = (d: Detail) => d.version === version;
    const hint = `gyre deployments ls --endpoint ${CHURN}`;
    await this.hop({
      name: "the rollout",
      detailType: "Deployment Started",
      match: ofVersion,
      hint,
    });
    await this.hop({
      name: "the endpoint serving",
      detailType: "Deployment Succeeded",
      match: ofVersion,
      hint,
    });
    return version;
  }

  async watchTraffic(version: number): Promise<Outcome> {
    const monitor = await poll(
      { name: "the endpoint's monitor", hint: "gyre monitors ls" },
      () => this.monitorOf(version),
      this.watch,
    );
    const outcome = await tuneMonitor(this.approver, monitor, this.options.settings);
    this.options.progress(
      `monitor ${monitor.id} (window of ${this.options.settings.windowRows} rows): ${outcome}`,
    );
    const rows = this.options.settings.windowRows;
    await this.traffic(churnCsv({ rows, seed: this.seed + 1_000_000 }), "live traffic");
    await this.windowClosed(version, "the window of live traffic to close");
    return outcome;
  }

  async driftAndRetrain(version: number): Promise<number> {
    await this.driftedWindows(version);
    await this.hop({ name: "drift to be detected", detailType: "Drift Detected" });
    const first = (await tripEvents(this.viewer, this.trip)).find(
      (e) => e["detail-type"] === "Training Run Started",
    )?.detail.runId;
    const retrain = await this.hop({
      name: "the retraining run",
      detailType: "Training Run Started",
      match: (d) => d.runId !== first,
    });
    const runId = retrain.detail.runId;
    await this.hop({
      name: "retraining to finish",
      detailType: "Training Run Succeeded",
      match: (d) => d.runId === runId,
      hint: `gyre runs logs ${runId}`,
    });
    const registered = await this.hop({
      name: "the retrained version",
      detailType: "Model Version Registered",
      match: (d) => d.version > version,
    });
    const retrained = registered.detail.version as number;
    const path = { name: CHURN, version: retrained };
    const stored = await ok(
      this.viewer.GET("/models/{name}/versions/{version}", { params: { path } }),
    );
    if (stored.status !== "PendingManualApproval")
      throw new CliError(`${CHURN} v${retrained} is ${stored.status}, not awaiting approval.`);
    return retrained;
  }

  /** Drifted traffic, a window at a time, until a window reports drift (a few tries: samples vary). */
  private async driftedWindows(version: number) {
    const rows = this.options.settings.windowRows;
    for (let attempt = 1; attempt <= DRIFT_WINDOWS; attempt++) {
      const seed = this.seed + 2_000_000 + attempt * 1000;
      await this.traffic(churnCsv({ rows, seed, drift: 0.6 }), "drifted traffic (--drift 0.6)");
      const report = await this.windowClosed(version, "the window of drifted traffic to close");
      if (report.detail.drifted) return;
      this.options.progress(
        "  that window did not drift enough: another window of drifted traffic",
      );
    }
  }

  /** The next report of the monitor on `version`: one this loop has not seen yet. */
  private async windowClosed(version: number, name: string): Promise<Event> {
    const report = await this.hop({
      name,
      detailType: "Monitoring Report Created",
      match: (d) => d.version === version && !this.reports.has(d.reportId),
      hint: "gyre monitors ls; gyre monitors reports <monitor>",
    });
    this.reports.add(report.detail.reportId);
    return report;
  }

  private async approve(version: number) {
    const path = { name: CHURN, version };
    const body = { comment: "gyre demo: ship it" };
    await ok(
      this.approver.POST("/models/{name}/versions/{version}/approve", { params: { path }, body }),
    );
  }

  private async traffic(csv: string, what: string) {
    const token = this.target.pipelineToken;
    const versions = await sendRows({ url: this.target.url, token }, CHURN, csv);
    const rows = csv.trimEnd().split("\n").length - 1;
    this.options.progress(
      `sent ${rows} rows of ${what}: answered by v${[...versions].join(", v")}`,
    );
  }

  private async hop(hop: Hop): Promise<Event> {
    const event = await awaitHop(this.viewer, this.trip, hop, this.watch);
    this.seen(event);
    return event;
  }

  private seen(event: Event) {
    const since = this.pushedAt ? ` (+${(Date.parse(event.time) - this.pushedAt) / 1000}s)` : "";
    const what = summarize(event["detail-type"], event.detail);
    this.options.progress(`  ${event["detail-type"]}${since}: ${what}`);
  }

  private async versionOf(sha256: string, since: Date): Promise<Event | undefined> {
    const rejected = (await recentEvents(this.viewer, "Dataset Version Rejected", since)).find(
      (e) => e.detail.sha256 === sha256,
    );
    if (rejected) throw new CliError(`The pushed data was rejected: ${rejected.detail.reason}`);
    return (await recentEvents(this.viewer, "Dataset Version Created", since)).find(
      (e) => e.detail.dataset === CHURN && e.detail.sha256 === sha256,
    );
  }

  private async objectCreated(id: string, since: Date): Promise<Event> {
    const event = (await recentEvents(this.viewer, "Object Created", since)).find(
      (e) => e.id === id,
    );
    if (!event) throw new CliError(`The push's Object Created event ${id} is not in the archive.`);
    return event;
  }

  private async monitorOf(version: number): Promise<Schemas["Monitor"] | undefined> {
    const page = await ok(this.viewer.GET("/monitors", { params: { query: { limit: 100 } } }));
    return page.items.find((m) => m.endpoint === CHURN && m.version === version);
  }
}
