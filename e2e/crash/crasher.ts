import { seededRandom } from "@gyre/examples/churn/random";
import type { CampaignApi, Json } from "./api";
import { type LoopDriver, PHASES, type Phase } from "./loop";
import type { CrashableRuntime } from "./runtime";
import { sleep } from "./sleep";

export interface CrashPoint {
  trip: number;
  phase: Phase;
  /** How long after the phase's trigger the kill lands. */
  delayMs: number;
}

export interface Crash extends CrashPoint {
  /** Seconds on the timeline's clock (since the driver began). */
  at: number;
  /** Runs with an attempt on the host just before the kill, and that attempt's number. */
  inFlight: { runId: string; attempt: number }[];
  /** The wall-clock moment of the kill (epoch ms): an attempt that ended before it was not cut off. */
  killedAt: number;
  /** What the endpoint was doing at the kill. */
  endpoint: string;
}

/** Phases whose kill is timed from the moment the driver entered them, even once it has moved on. */
const TIMED = new Set<Phase>(["push", "approve", "register"]);

export interface PlanOptions {
  seed: number;
  /** Per trip, the phases it is killed in (taken in loop order). */
  trips: readonly (readonly CrashPhase[])[];
  bakeSeconds: number;
}

export type CrashPhase = (typeof PHASES)[number];

/** Longest delay after each phase's trigger: a training kill lands while the attempt runs, a bake kill before the bake ends. */
function maxDelayMs(phase: CrashPhase, bakeSeconds: number): number {
  if (phase === "bake") return bakeSeconds * 600;
  if (phase === "window" || phase === "drift") return 400;
  return phase === "push" ? 2000 : 1500;
}

/** The seed's crash points: per trip, one in each of `phases`, each at a seeded random delay. */
export function crashPlan(options: PlanOptions): CrashPoint[] {
  const random = seededRandom(options.seed).next;
  const plan: CrashPoint[] = [];
  for (const [i, phases] of options.trips.entries())
    for (const phase of PHASES.filter((p) => phases.includes(p)))
      plan.push({
        trip: i + 1,
        phase,
        delayMs: Math.round(random() * maxDelayMs(phase, options.bakeSeconds)),
      });
  return plan;
}

/**
 * Kills Gyre at each crash point as the driver reaches it, and starts it again on the same
 * home at once. A point whose moment has passed (the loop moved on) is skipped and not counted.
 */
export class Crasher {
  readonly crashes: Crash[] = [];
  readonly skipped: CrashPoint[] = [];
  private stopped = false;

  constructor(
    private readonly runtime: CrashableRuntime,
    private readonly api: CampaignApi,
    private readonly driver: LoopDriver,
  ) {}

  stop() {
    this.stopped = true;
  }

  async run(plan: CrashPoint[]): Promise<void> {
    for (const point of plan) {
      if (this.stopped) return;
      const moment = TIMED.has(point.phase) ? await this.entered(point) : await this.reached(point);
      if (moment === undefined) {
        this.skipped.push(point);
        continue;
      }
      await sleep(Math.max(0, moment + point.delayMs - Date.now()));
      const inFlight = await this.inFlight();
      const endpoint = await this.endpointState();
      const killedAt = Date.now();
      await this.runtime.kill();
      const at = (Date.now() - this.driver.began) / 1000;
      this.crashes.push({ ...point, at, inFlight, endpoint, killedAt });
      await this.runtime.start();
    }
  }

  /** When the driver entered the point's phase (it may have moved on since); undefined if stopped first. */
  private async entered(point: CrashPoint): Promise<number | undefined> {
    for (;;) {
      const entry = this.driver.timeline.find(
        (t) => t.trip === point.trip && t.phase === point.phase,
      );
      if (entry) return this.driver.began + entry.at;
      if (this.stopped) return undefined;
      await sleep(50);
    }
  }

  /** When the point's moment came (Gyre in the state it aims at); undefined once the driver is past it. */
  private async reached(point: CrashPoint): Promise<number | undefined> {
    for (;;) {
      if (this.stopped || this.past(point)) return undefined;
      if (
        this.driver.trip === point.trip &&
        this.driver.phase === point.phase &&
        (await this.ready(point))
      )
        return Date.now();
      await sleep(100);
    }
  }

  private past(point: CrashPoint): boolean {
    const { trip, phase } = this.driver;
    if (trip !== point.trip) return trip > point.trip;
    if (phase === "done") return true;
    return (
      phase !== "setup" && PHASES.indexOf(phase as never) > PHASES.indexOf(point.phase as never)
    );
  }

  /** The moment a phase's kill is aimed at: an attempt running, two variants baking, a window open. */
  private async ready(point: CrashPoint): Promise<boolean> {
    if (point.phase === "training" || point.phase === "retrain")
      return (
        (await this.quiet(() => this.inFlight()))?.some((r) => r.status === "RUNNING") === true
      );
    if (point.phase === "bake")
      return (await this.quiet(() => this.api.get("/endpoints/churn")))?.variants?.length === 2;
    if (point.phase === "window" || point.phase === "drift") return this.driver.windowChunks >= 1;
    return true;
  }

  private async inFlight(): Promise<(Crash["inFlight"][number] & { status: string })[]> {
    const runs: Json[] = (await this.api.get("/runs?pipeline=churn&limit=100")).items;
    // A run on a host lists its current attempt last.
    return runs
      .filter((r) => r.status === "STARTING" || r.status === "RUNNING")
      .map((r) => ({ runId: r.id, attempt: r.attempts.length, status: r.status }));
  }

  private async endpointState(): Promise<string> {
    const endpoint = await this.api.get("/endpoints/churn").catch(() => undefined);
    if (!endpoint) return "none";
    const variants = (endpoint.variants ?? []).map((v: Json) => `v${v.version}@${v.weight}`);
    return `${endpoint.status} ${variants.join(" ")}`;
  }

  private async quiet<T>(read: () => Promise<T>): Promise<T | undefined> {
    return read().catch(() => undefined);
  }
}
