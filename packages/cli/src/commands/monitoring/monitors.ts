import type { Command } from "commander";
import { type ApiClient, apiClient, ok, type Schemas, typed } from "../../client";
import { table } from "../../table";

type Report = Schemas["MonitoringReport"];

/** `gyre monitors ...` and `gyre reports show`: what watches each endpoint, and each window's verdict. */
export function registerMonitorCommands(program: Command, client: () => ApiClient = apiClient) {
  const monitors = program
    .command("monitors")
    .description("Monitors: live traffic against the training baseline.");
  monitors
    .command("ls")
    .description("List monitors.")
    .action(async () => {
      const page = await ok(
        typed(client()).GET("/monitors", { params: { query: { limit: 100 } } }),
      );
      console.log(
        table(
          ["monitor", "endpoint", "model", "version", "baseline", "window rows", "min samples"],
          page.items.map((m) => [
            m.id,
            m.endpoint,
            m.model,
            m.version,
            `${m.baseline.dataset} v${m.baseline.version}`,
            m.window.rows,
            m.settings.minSamples,
          ]),
        ),
      );
    });
  monitors
    .command("show <id>")
    .description("A monitor as JSON: baseline, settings, current window.")
    .action(async (id: string) => {
      const m = await ok(typed(client()).GET("/monitors/{id}", { params: { path: { id } } }));
      console.log(JSON.stringify(m, null, 2));
    });
  monitors
    .command("reports <id>")
    .description("A monitor's reports, newest first.")
    .option("--limit <n>", "how many", "20")
    .action(async (id: string, options: { limit: string }) => {
      const page = await ok(
        typed(client()).GET("/monitors/{id}/reports", {
          params: { path: { id }, query: { limit: Number(options.limit) } },
        }),
      );
      console.log(
        table(
          ["report", "window end", "samples", "drift", "drifting features"],
          page.items.map((r) => [
            r.id,
            r.windowEnd,
            r.samples,
            r.datasetDrift ? "yes" : "no",
            r.features
              .filter((f) => f.drift)
              .map((f) => f.feature)
              .join(", ") || "-",
          ]),
        ),
      );
    });
  program
    .command("reports")
    .description("Monitoring reports.")
    .command("show <id>")
    .description("A report: each feature's method, value, threshold and verdict, drifting first.")
    .option("--json", "the whole report")
    .action(async (id: string, options: { json?: boolean }) => {
      const r = await ok(typed(client()).GET("/reports/{id}", { params: { path: { id } } }));
      if (options.json) return console.log(JSON.stringify(r, null, 2));
      console.log(reportText(r));
    });
}

function reportText(r: Report): string {
  const rows = r.features.map((f) => [
    f.feature,
    f.type,
    f.method ?? "-",
    f.value === null ? "-" : Number(f.value.toPrecision(4)),
    f.threshold ?? "-",
    f.drift ? "yes" : "no",
    `${Math.round(f.missingRate * 1000) / 10}%`,
  ]);
  return [
    `${r.id}: ${r.endpoint} (${r.model} v${r.version}) vs ${r.baseline.dataset} v${r.baseline.version}, ${r.samples} rows, ${r.windowStart} → ${r.windowEnd}`,
    table(["feature", "type", "method", "value", "threshold", "drift", "missing"], rows),
    `dataset drift: ${r.datasetDrift ? "yes" : "no"} (share ${Math.round(r.driftShare * 1000) / 10}%)${r.ignored.length ? `; left out: ${r.ignored.join(", ")}` : ""}`,
  ].join("\n");
}
