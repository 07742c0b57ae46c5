import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { type ApiClient, apiClient, CliError, ok, type Schemas, typed } from "../../client";
import { table } from "../../table";

type Pipeline = Schemas["Pipeline"];

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
      const api = typed(client());
      const saved = await ok(
        options.update
          ? api.PUT("/pipelines/{name}", { params: { path: { name: body.name } }, body })
          : api.POST("/pipelines", { body }),
      );
      console.log(
        `pipeline ${saved.name}: trains model ${saved.model} on dataset ${saved.dataset}`,
      );
    });
  pipelines
    .command("ls")
    .description("List pipelines.")
    .action(async () => {
      const page = await ok(
        typed(client()).GET("/pipelines", { params: { query: { limit: 100 } } }),
      );
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
      const pipeline = await ok(
        typed(client()).GET("/pipelines/{name}", { params: { path: { name } } }),
      );
      console.log(JSON.stringify(pipeline, null, 2));
    });
}

/** The file as the API's pipeline input: the API validates it. */
async function readPipeline(path: string): Promise<Schemas["PipelineInput"]> {
  const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`Cannot read ${path}: ${error.code}`);
  });
  try {
    return JSON.parse(text) as Schemas["PipelineInput"];
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
