import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { type ApiClient, apiClient, CliError } from "../../client";
import { table } from "../../table";

interface Pipeline {
  name: string;
  dataset: string;
  model: string;
  enabled: boolean;
  trigger: { onNewData: boolean; onDrift: boolean; schedule?: string; debounceSeconds: number };
  job: { queue: string; resources: { vcpus: number; memoryMiB: number; gpus: number } };
}

export function registerPipelineCommands(
  program: Command,
  client: () => ApiClient = apiClient,
): void {
  const pipelines = program.command("pipelines").description("What to train and when.");
  pipelines
    .command("create")
    .description("Create a pipeline from a JSON file (or update it with --update).")
    .requiredOption("-f, --file <path>", "the pipeline JSON, e.g. examples/churn/pipeline.json")
    .option("--update", "replace an existing pipeline of that name")
    .action(async (options: { file: string; update?: boolean }) => {
      const body = await readPipeline(options.file);
      const path = options.update ? `/pipelines/${encodeURIComponent(body.name)}` : "/pipelines";
      const saved = await client().request<Pipeline>(options.update ? "PUT" : "POST", path, body);
      console.log(
        `pipeline ${saved.name}: trains model ${saved.model} on dataset ${saved.dataset}`,
      );
    });
  pipelines
    .command("ls")
    .description("List pipelines.")
    .action(async () => {
      const page = await client().request<{ items: Pipeline[] }>("GET", "/pipelines?limit=100");
      const rows = page.items.map((p) => [
        p.name,
        p.dataset,
        p.model,
        triggers(p),
        p.job.queue,
        p.enabled ? "yes" : "no",
      ]);
      console.log(table(["pipeline", "dataset", "model", "triggers", "queue", "enabled"], rows));
    });
  pipelines
    .command("show <name>")
    .description("Show a pipeline as JSON.")
    .action(async (name: string) => {
      console.log(
        JSON.stringify(
          await client().request("GET", `/pipelines/${encodeURIComponent(name)}`),
          null,
          2,
        ),
      );
    });
}

async function readPipeline(path: string): Promise<{ name: string }> {
  const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`Cannot read ${path}: ${error.code}`);
  });
  try {
    return JSON.parse(text) as { name: string };
  } catch (error) {
    throw new CliError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

function triggers(p: Pipeline): string {
  const on = [
    p.trigger.onNewData && "new data",
    p.trigger.onDrift && "drift",
    p.trigger.schedule,
  ].filter(Boolean);
  return `${on.join(", ") || "manual"}${p.trigger.debounceSeconds ? ` (debounce ${p.trigger.debounceSeconds}s)` : ""}`;
}
