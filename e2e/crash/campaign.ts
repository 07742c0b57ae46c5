import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@gyre/local/testing/gyre-process";
import { runCli } from "../../packages/cli/test/run-cli";
import { CampaignApi } from "./api";
import { type Audit, audit } from "./audit";
import { type Crash, Crasher, type CrashPoint, crashPlan, type PlanOptions } from "./crasher";
import { LoopDriver, type LoopSettings, Stalled } from "./loop";
import { CrashableRuntime } from "./runtime";

export interface CampaignOptions extends Omit<PlanOptions, "bakeSeconds"> {
  settings: LoopSettings;
  log?: (line: string) => void;
}

export interface CampaignResult {
  seed: number;
  home: string;
  crashes: Crash[];
  skipped: CrashPoint[];
  /** Why the loop stopped before finishing, if it did. */
  stalled?: string;
  audit: Audit;
  serverErrors: string[];
  seconds: number;
  starts: number;
  timeline: LoopDriver["timeline"];
  intended: LoopDriver["intended"];
}

/**
 * Starts Gyre on a fresh GYRE_HOME, drives `trips` trips round the loop while killing it -9
 * at the seed's crash points (restarting it on the same home each time), then audits what
 * Gyre ended with. The home is kept when something was lost, for a post-mortem.
 */
export async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const log = options.log ?? (() => {});
  const began = Date.now();
  const home = await mkdtemp(join(tmpdir(), "gyre-campaign-"));
  const [port, s3Port] = [await freePort(), await freePort()];
  const env = {
    GYRE_HOME: home,
    GYRE_PORT: String(port),
    GYRE_S3_PORT: String(s3Port),
    GYRE_SEED_EXAMPLES: "0",
    GYRE_TICK_SECONDS: "1",
  };
  const token = (
    await runCli(["token", "create", "--role", "admin", "--name", "campaign"], { env })
  ).stdout.trim();
  const runtime = new CrashableRuntime(home, env);
  const api = new CampaignApi(`http://127.0.0.1:${port}`, token);
  const driver = new LoopDriver(api, `http://127.0.0.1:${s3Port}`, options.settings);
  const plan = crashPlan({ ...options, bakeSeconds: options.settings.bakeSeconds });
  log(
    `crash campaign: seed ${options.seed}, ${plan.length} crash points planned, GYRE_HOME=${home}`,
  );
  await runtime.start();
  const crasher = new Crasher(runtime, api, driver);
  const crashing = crasher.run(plan);
  let stalled: string | undefined;
  try {
    await driver.setUp();
    for (let trip = 1; trip <= options.trips.length; trip++) {
      const { served, retrained } = await driver.runTrip(trip);
      log(
        `trip ${trip}: v${served} served, v${retrained} retrained (${crasher.crashes.length} crashes so far)`,
      );
    }
  } catch (error) {
    if (!(error instanceof Stalled)) throw error;
    stalled = error.message;
  } finally {
    crasher.stop();
    await crashing;
  }
  const result: CampaignResult = {
    seed: options.seed,
    home,
    crashes: crasher.crashes,
    skipped: crasher.skipped,
    stalled,
    audit: await audit(api, `http://127.0.0.1:${s3Port}`, crasher.crashes, driver.intended),
    serverErrors: api.serverErrors,
    seconds: Math.round((Date.now() - began) / 1000),
    starts: runtime.starts,
    timeline: driver.timeline,
    intended: driver.intended,
  };
  await runtime.stop();
  if (clean(result) && !process.env.GYRE_CRASH_KEEP_HOME)
    await rm(home, { recursive: true, force: true, maxRetries: 3 });
  return result;
}

export function clean(result: CampaignResult): boolean {
  const { lost, duplicates, inFlight } = result.audit;
  const cutOff = inFlight.every((r) => r.retried && r.lostHost);
  return !result.stalled && lost.length === 0 && duplicates.length === 0 && cutOff;
}

/** The lines a person reads: the seed, each crash point, and what was lost. */
export function describeCampaign(result: CampaignResult): string {
  const lines = [
    `seed ${result.seed}: ${result.crashes.length} crash points survived in ${result.seconds} s (${result.skipped.length} skipped, the loop had passed them)`,
    ...result.crashes.map(
      (c, i) =>
        `  #${i + 1} at ${c.at.toFixed(1)} s: trip ${c.trip} ${c.phase} +${c.delayMs} ms; in flight: ${c.inFlight.map((r) => `${r.runId} attempt ${r.attempt}`).join(", ") || "no attempt"}; endpoint ${c.endpoint}`,
    ),
    `phases (s): ${result.timeline.map((t) => `${t.trip}.${t.phase} ${(t.at / 1000).toFixed(1)}`).join(", ")}`,
    `counts: ${JSON.stringify(result.audit.counts)}; redeploys after a rolled-back bake: ${result.intended.redeploys.length}; rows topped up: ${result.intended.topUps}`,
    `traffic rows: ${JSON.stringify(result.audit.rows)}`,
    `in-flight attempts: ${result.audit.inFlight.map((r) => `${r.runId}#${r.attempt} ${r.retried ? "retried" : "NOT retried"} (${r.reason})`).join("; ") || "none"}`,
    `lost: ${JSON.stringify(result.audit.lost)}`,
    `duplicates: ${JSON.stringify(result.audit.duplicates)}`,
    `re-sent events: ${JSON.stringify(result.audit.resent)}`,
    `5xx answers: ${result.serverErrors.length}${result.serverErrors.length ? ` (${result.serverErrors.slice(0, 3).join(" | ")})` : ""}`,
  ];
  if (result.stalled) lines.push(`STALLED: ${result.stalled}`);
  if (!clean(result)) lines.push(`home kept for a post-mortem: ${result.home}`);
  return lines.join("\n");
}
