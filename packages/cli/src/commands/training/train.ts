import type { Command } from "commander";
import { type ApiClient, apiClient } from "../../client";
import { printLogs, type Run } from "./runs";

export function registerTrain(program: Command, client: () => ApiClient = apiClient): void {
  program
    .command("train <pipeline>")
    .description("Start a run of the pipeline now, then follow its logs until it finishes.")
    .option("--dataset-version <n>", "train on this dataset version (default: the newest)")
    .option("--no-wait", "print the run and return at once")
    .action(async (name: string, options: { datasetVersion?: string; wait: boolean }) => {
      const body = options.datasetVersion ? { datasetVersion: Number(options.datasetVersion) } : {};
      const api = client();
      const run = await api.request<Run>(
        "POST",
        `/pipelines/${encodeURIComponent(name)}/runs`,
        body,
      );
      console.log(`${run.id} ${run.status} on ${run.dataset.name} v${run.dataset.version}`);
      if (!options.wait) return;
      await printLogs(api, run.id, { follow: true });
      const done = await api.request<Run>("GET", `/runs/${run.id}`);
      console.log(
        `${done.id} ${done.status}${done.metrics ? ` ${JSON.stringify(done.metrics)}` : ""}${done.reason ? `: ${done.reason}` : ""}`,
      );
      if (done.status !== "SUCCEEDED") process.exitCode = 1;
    });
}
