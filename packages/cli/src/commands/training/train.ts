import type { Command } from "commander";
import { type ApiClient, apiClient, ok, typed } from "../../client";
import { readJsonOption } from "../../json-input";
import { printLogs, succeeded, summary } from "./follow";

export function registerTrain(program: Command, client: () => ApiClient = apiClient): void {
  program
    .command("train <pipeline>")
    .description(
      "Start a run of the pipeline now and follow its logs until it ends: exit 0 if it succeeded, 1 with the reason if not.",
    )
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
      const done = await printLogs(api, run.id, { follow: true });
      if (done) console.log(summary(succeeded(done)));
    });
}

interface TrainOptions {
  datasetVersion?: string;
  hyperparameters?: string;
  wait: boolean;
}
