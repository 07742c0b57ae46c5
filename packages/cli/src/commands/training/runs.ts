import type { Command } from "commander";
import { type ApiClient, apiClient, ok, type Schemas, typed } from "../../client";
import { table } from "../../table";
import { isOver, metricsCell, printLogs, succeeded } from "./follow";

type Run = Schemas["Run"];

export function registerRunCommands(program: Command, client: () => ApiClient = apiClient): void {
  const runs = program.command("runs").description("Training runs.");
  runs
    .command("ls")
    .description("List runs, newest first.")
    .option("--pipeline <name>", "only this pipeline's runs")
    .option("--status <status>", "only runs in this status, e.g. RUNNING")
    .option("--limit <n>", "how many", "20")
    .action(async (options: { pipeline?: string; status?: string; limit: string }) => {
      const query = {
        limit: Number(options.limit),
        pipeline: options.pipeline || undefined,
        // The API checks the status and answers an unknown one with a 400.
        status: (options.status || undefined) as Run["status"] | undefined,
      };
      const page = await ok(typed(client()).GET("/runs", { params: { query } }));
      console.log(runsTable(page.items));
    });
  runs
    .command("show <id>")
    .description("Show a run as JSON: attempts, metrics, artifact, cost.")
    .action(async (id: string) => {
      const run = await ok(typed(client()).GET("/runs/{id}", { params: { path: { id } } }));
      console.log(JSON.stringify(run, null, 2));
    });
  runs
    .command("logs <id>")
    .description("Print what the run's job printed.")
    .option(
      "-f, --follow",
      "keep printing until the run finishes, then exit 0 if it succeeded (1 with the reason if not)",
    )
    .option("--attempt <n>", "an earlier attempt's logs")
    .action(async (id: string, options: { follow?: boolean; attempt?: string }) => {
      const attempt = options.attempt ? Number(options.attempt) : undefined;
      const run = await printLogs(typed(client()), id, { follow: options.follow, attempt });
      if (run && isOver(run)) succeeded(run);
    });
  runs
    .command("cancel <id>")
    .description("Cancel an unfinished run.")
    .action(async (id: string) => {
      const run = await ok(typed(client()).POST("/runs/{id}/cancel", { params: { path: { id } } }));
      console.log(`${run.id} ${run.status}: ${run.reason}`);
    });
}

/** Runs with their metrics; when some did not succeed, why, in the last column. */
export function runsTable(runs: Run[]): string {
  const reasons = runs.some((r) => r.status !== "SUCCEEDED" && r.reason);
  return table(
    [
      "run",
      "pipeline",
      "status",
      "trigger",
      "dataset",
      "metrics",
      "attempts",
      "duration",
      "cost $",
      "created",
      ...(reasons ? ["reason"] : []),
    ],
    runs.map((r) => [
      r.id,
      r.pipeline,
      r.status,
      r.trigger,
      `${r.dataset.name} v${r.dataset.version}`,
      metricsCell(r.metrics) || "-",
      r.attempts.length,
      r.durationSeconds === null ? "-" : `${r.durationSeconds.toFixed(1)}s`,
      r.costUsd === null ? "-" : r.costUsd.toFixed(4),
      r.createdAt,
      ...(reasons ? [r.status === "SUCCEEDED" ? "" : (r.reason ?? "")] : []),
    ]),
  );
}
