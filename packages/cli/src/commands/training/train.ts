import type { Command } from "commander";
import { type ApiClient, apiClient, ok, typed } from "../../client";
import { readJsonOption } from "../../json-input";
import { printLogs } from "./runs";

export function registerTrain(program: Command, client: () => ApiClient = apiClient): void {
  program
    .command("train <pipeline>")
    .description("Start a run of the pipeline now, then follow its logs until it finishes.")
    .option("--dataset-version <n>", "train on this dataset version (default: the newest)")
    .option(
      "--hyperparameters <json>",
      "merged over the pipeline's for this run, e.g. '{\"failServing\":0.5}' (or @file.json)",
    )
    .option("--no-wait", "print the run and return at once")
    .action(async (name: string, options: TrainOptions) => {
      const hyperparameters = options.hyperparameters
        ? (readJsonOption("hyperparameters", options.hyperparameters) as Record<string, unknown>)
        : undefined;
      const body = {
        datasetVersion: options.datasetVersion ? Number(options.datasetVersion) : undefined,
        hyperparameters,
      };
      const api = typed(client());
      const run = await ok(
        api.POST("/pipelines/{name}/runs", { params: { path: { name } }, body }),
      );
      console.log(`${run.id} ${run.status} on ${run.dataset.name} v${run.dataset.version}`);
      if (!options.wait) return;
      await printLogs(api, run.id, { follow: true });
      const done = await ok(api.GET("/runs/{id}", { params: { path: { id: run.id } } }));
      console.log(
        `${done.id} ${done.status}${done.metrics ? ` ${JSON.stringify(done.metrics)}` : ""}${done.reason ? `: ${done.reason}` : ""}`,
      );
      if (done.status !== "SUCCEEDED") process.exitCode = 1;
    });
}

interface TrainOptions {
  datasetVersion?: string;
  hyperparameters?: string;
  wait: boolean;
}
