import type { Command } from "commander";
import { unreachable } from "../../client";
import { apiUrl, local } from "../../settings";
import { type DemoResult, runDemo } from "./loop";
import { demoSettings } from "./settings";
import { formatTimeline } from "./timeline";
import { demoTokens, type TokenOptions } from "./tokens";

interface DemoOptions extends TokenOptions {
  fast?: boolean;
  json?: boolean;
}

/** `gyre demo`: walks one loop round a running Gyre and prints its timeline. */
export function registerDemo(program: Command, env: NodeJS.ProcessEnv = process.env): void {
  program
    .command("demo")
    .description(
      "Walk the whole loop on a running Gyre: churn data pushed to S3, trained, approved, rolled out as a canary, served, drifted, retrained; then print the trip's timeline.",
    )
    .option("--fast", "debounce, canary bake and monitoring window in seconds")
    .option("--json", "print the timeline as JSON")
    .option("--token <token>", "an approver or admin token for every step (default $GYRE_TOKEN)")
    .option("--approver-token <token>", "the token that approves and sets up the endpoint")
    .option("--pipeline-token <token>", "the token that pushes, trains and sends traffic")
    .addHelpText(
      "after",
      "\nWith no token, a local Gyre's demo makes its own (demo-pipeline, demo-approver) under GYRE_HOME.\n\nExamples:\n  $ npx gyre demo --fast\n  $ npx gyre demo --fast --json > timeline.json",
    )
    .action(async (options: DemoOptions) => {
      const url = apiUrl(env);
      await checkRunning(url);
      const say = (line: string) => console.error(line);
      const tokens = await demoTokens(url, options, env);
      if (tokens.created)
        say(`tokens ${tokens.created.join(", ")} created under ${local(env).home}`);
      const result = await runDemo(
        { url, pipelineToken: tokens.pipeline, approverToken: tokens.approver, env },
        { settings: demoSettings(Boolean(options.fast)), progress: say },
      );
      console.log(options.json ? JSON.stringify(result, null, 2) : closingNote(result));
    });
}

async function checkRunning(url: string): Promise<void> {
  await fetch(`${url}/health`).catch((error: Error) => {
    throw unreachable(url, error);
  });
}

function closingNote(result: DemoResult): string {
  const { timeline, served, retrained } = result;
  return [
    `Timeline of trip ${timeline.correlationId} (event times, to the second):`,
    formatTimeline(timeline),
    "",
    `lead time push -> endpoint serving: ${timeline.pushToServing} s (churn v${served} on endpoint churn)`,
    `drift detected -> retrained v${retrained} awaiting approval: ${timeline.driftToRetrainPending} s`,
    `Approve it with: npx gyre models approve churn ${retrained} -m "retrained on drift"`,
    `Open ${result.consoleUrl} in the console to see the model, its versions and this trip.`,
  ].join("\n");
}
