import { runDemo } from "@gyre/cli/commands/demo/loop";
import { demoSettings } from "@gyre/cli/commands/demo/settings";
import { services } from "@gyre/functions/services";
import { listen } from "@gyre/local/http/serve";
import { startTestPlatform } from "@gyre/local/testing/index";
import { percentile } from "./stats";

const ROUNDS = 5;

/**
 * The whole loop as `gyre demo --fast` walks it, on the real local parts served over HTTP:
 * push → endpoint serving, and Drift Detected → the retrained version awaiting approval,
 * from the trip's event times (EventBridge's, to the second). Five rounds on one home: the
 * first deploys onto an empty endpoint, the others roll a canary out over the version serving.
 */
export async function benchLoop(): Promise<void> {
  const t = await startTestPlatform({ s3: true, services });
  const server = await listen(t.app.fetch, "127.0.0.1", 0);
  const token = (role: "pipeline" | "approver") => t.as[role].authorization.slice(7);
  const target = {
    url: `http://127.0.0.1:${server.port}`,
    pipelineToken: token("pipeline"),
    approverToken: token("approver"),
    env: {},
  };
  try {
    const serving: number[] = [];
    const retrain: number[] = [];
    const slowest: Record<string, number> = {};
    for (let round = 1; round <= ROUNDS; round++) {
      const { timeline } = await runDemo(target, {
        settings: demoSettings(true),
        progress: () => {},
      });
      serving.push(timeline.pushToServing);
      retrain.push(timeline.driftToRetrainPending);
      const toServing = timeline.hops.filter((h) => h.sincePush <= timeline.pushToServing);
      for (const hop of toServing)
        slowest[hop.detailType] = (slowest[hop.detailType] ?? 0) + hop.sincePrevious;
    }
    const dominant = Object.entries(slowest).sort((a, b) => b[1] - a[1])[0];
    console.log(
      `loop: push → endpoint serving (gyre demo --fast): ${summary(serving)}; longest hop: waiting for ${dominant?.[0]} (${((dominant?.[1] ?? 0) / ROUNDS).toFixed(1)} s a round)`,
    );
    console.log(`loop: Drift Detected → retrained version pending approval: ${summary(retrain)}`);
  } finally {
    await server.close();
    await t.close();
  }
}

function summary(seconds: number[]): string {
  const sorted = [...seconds].sort((a, b) => a - b);
  return `median ${percentile(sorted, 50)} s, min ${sorted[0]}, max ${sorted.at(-1)} (${ROUNDS} rounds, event times to the second)`;
}
