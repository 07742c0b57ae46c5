import { Command } from "commander";
import cli from "../package.json" with { type: "json" };
import { CliError } from "./client";
import { registerDataPush } from "./commands/datasets/push";
import { registerDatasetCommands } from "./commands/datasets/read";
import { registerDemo } from "./commands/demo/command";
import { registerDeploymentCommands } from "./commands/deployment/deployments";
import { registerEndpointCommands } from "./commands/deployment/endpoints";
import { registerInvoke } from "./commands/deployment/invoke";
import { registerEventCommands } from "./commands/events";
import { registerExample } from "./commands/example";
import { registerDrift } from "./commands/monitoring/drift";
import { registerMonitorCommands } from "./commands/monitoring/monitors";
import { registerModelCommands } from "./commands/registry/models";
import { registerTestPattern } from "./commands/test-pattern";
import { registerToken } from "./commands/token";
import { registerPipelineCommands } from "./commands/training/pipelines";
import { registerRunCommands } from "./commands/training/runs";
import { registerTrain } from "./commands/training/train";

// `gyre ... | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const program = new Command("gyre")
  .description(
    "Gyre: event-driven MLOps on AWS. Talks to a running Gyre at $GYRE_API_URL with $GYRE_TOKEN.",
  )
  .version(cli.version, "-V, --version", "print the CLI's version")
  .showHelpAfterError()
  .showSuggestionAfterError();

registerToken(program);
registerDataPush(program);
registerDatasetCommands(program);
registerPipelineCommands(program);
registerRunCommands(program);
registerTrain(program);
registerExample(program);
registerModelCommands(program);
registerEndpointCommands(program);
registerDeploymentCommands(program);
registerInvoke(program);
registerMonitorCommands(program);
registerDrift(program);
registerDemo(program);
const events = program.command("events").description("Work with Gyre's events and event patterns.");
registerTestPattern(events);
registerEventCommands(events);

try {
  await program.parseAsync();
} catch (error) {
  const visible = error instanceof CliError || (error as { kind?: string }).kind !== undefined;
  console.error(
    `error: ${visible ? (error as Error).message : ((error as Error)?.stack ?? error)}`,
  );
  process.exitCode = 1;
}
