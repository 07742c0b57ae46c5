import { describe, expect, it } from "vitest";
import { describeCampaign, runCampaign } from "./campaign";
import type { CrashPhase } from "./crasher";
import { PHASES } from "./loop";

/**
 * `npm test` runs the short campaign (two trips, killed in a training attempt, an open
 * window and a canary's bake); `npm run test:campaign` the full one (every phase of three trips, 23 points). Rerun a
 * seed with GYRE_CRASH_SEED=<seed>.
 */
const full = process.env.GYRE_CRASH_CAMPAIGN === "full";
const seed = Number(process.env.GYRE_CRASH_SEED ?? Math.floor(Math.random() * 1_000_000));
// The first trip's deployment has nothing to canary against: bakes start from the second trip.
const campaign = full
  ? { trips: [PHASES.filter((p) => p !== "bake"), PHASES, PHASES], minimum: 20 }
  : { trips: [["training", "window"], ["bake"]] as CrashPhase[][], minimum: 3 };

describe(`kill -9 at seeded random points round the loop (${full ? "full" : "short"} campaign)`, () => {
  it(
    "finishes every trip with nothing lost or doubled, and cut-off attempts failed as a lost host and retried",
    async () => {
      const result = await runCampaign({
        seed,
        trips: campaign.trips,
        settings: { bakeSeconds: 4, windowRows: 300, trainingRows: 3000 },
        log: (line) => console.log(line),
      });
      const report = describeCampaign(result);
      console.log(report);
      expect(result.stalled, report).toBeUndefined();
      expect(result.crashes.length, report).toBeGreaterThanOrEqual(campaign.minimum);
      const inside = (phases: string[]) => result.crashes.filter((c) => phases.includes(c.phase));
      expect(
        inside(["training", "retrain"]).filter((c) => c.inFlight.length > 0).length,
        report,
      ).toBeGreaterThan(0);
      expect(
        inside(["bake"]).filter((c) => / v\d+@0\.\d+ v\d+@0\.\d+$/.test(c.endpoint)).length,
        report,
      ).toBeGreaterThan(0);
      expect(inside(["window", "drift"]).length, report).toBeGreaterThan(0);
      expect(result.audit.lost, report).toEqual([]);
      expect(result.audit.duplicates, report).toEqual([]);
      for (const run of result.audit.inFlight) {
        expect(run.reason, report).toMatch(/^Host EC2 \(instance \S+\) terminated\.$/);
        expect(run.retried, report).toBe(true);
      }
    },
    full ? 1_800_000 : 360_000,
  );
});
