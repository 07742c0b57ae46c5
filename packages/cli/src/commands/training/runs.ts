import type { Command } from "commander";
import { type ApiClient, apiClient } from "../../client";
import { table } from "../../table";

export interface Run {
  id: string;
  pipeline: string;
  status: string;
  trigger: string;
  dataset: { name: string; version: number };
  attempts: unknown[];
  createdAt: string;
  durationSeconds: number | null;
  costUsd: number | null;
  metrics: Record<string, number> | null;
  artifactUri: string | null;
  reason: string | null;
}

const TERMINAL = new Set(["SUCCEEDED", "FAILED", "CANCELLED"]);

export function registerRunCommands(program: Command, client: () => ApiClient = apiClient): void {
  const runs = program.command("runs").description("Training runs.");
  runs
    .command("ls")
    .description("List runs, newest first.")
    .option("--pipeline <name>", "only this pipeline's runs")
    .option("--status <status>", "only runs in this status, e.g. RUNNING")
    .option("--limit <n>", "how many", "20")
    .action(async (options: { pipeline?: string; status?: string; limit: string }) => {
      const query = new URLSearchParams({ limit: options.limit });
      if (options.pipeline) query.set("pipeline", options.pipeline);
      if (options.status) query.set("status", options.status);
      const page = await client().request<{ items: Run[] }>("GET", `/runs?${query}`);
      console.log(runsTable(page.items));
    });
  runs
    .command("show <id>")
    .description("Show a run as JSON: attempts, metrics, artifact, cost.")
    .action(async (id: string) =>
      console.log(JSON.stringify(await client().request("GET", `/runs/${id}`), null, 2)),
    );
  runs
    .command("logs <id>")
    .description("Print what the run's job printed.")
    .option("-f, --follow", "keep printing until the run finishes")
    .option("--attempt <n>", "an earlier attempt's logs")
    .action((id: string, options: { follow?: boolean; attempt?: string }) =>
      printLogs(client(), id, options),
    );
  runs
    .command("cancel <id>")
    .description("Cancel an unfinished run.")
    .action(async (id: string) => {
      const run = await client().request<Run>("POST", `/runs/${id}/cancel`);
      console.log(`${run.id} ${run.status}: ${run.reason}`);
    });
}

export async function printLogs(
  api: ApiClient,
  id: string,
  options: { follow?: boolean; attempt?: string },
) {
  let cursor: string | null = null;
  for (;;) {
    const query = new URLSearchParams();
    if (options.attempt) query.set("attempt", options.attempt);
    if (cursor) query.set("cursor", cursor);
    const chunk: { lines: string[]; next: string | null } = await api.request(
      "GET",
      `/runs/${id}/logs?${query}`,
    );
    for (const line of chunk.lines) console.log(line);
    cursor = chunk.next ?? cursor;
    if (!options.follow) return;
    const run = await api.request<Run>("GET", `/runs/${id}`);
    if (TERMINAL.has(run.status) && chunk.lines.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export function runsTable(runs: Run[]): string {
  return table(
    [
      "run",
      "pipeline",
      "status",
      "trigger",
      "dataset",
      "attempts",
      "duration",
      "cost $",
      "created",
    ],
    runs.map((r) => [
      r.id,
      r.pipeline,
      r.status,
      r.trigger,
      `${r.dataset.name} v${r.dataset.version}`,
      r.attempts.length,
      r.durationSeconds === null ? "-" : `${r.durationSeconds.toFixed(1)}s`,
      r.costUsd === null ? "-" : r.costUsd.toFixed(4),
      r.createdAt,
    ]),
  );
}
