import type { Command } from "commander";
import { CliError } from "../../cli-error";
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
          ["monitor", "endpoint", "model", "version", "baseline", "window", "rows", "closes at"],
          page.items.map((m) => [
            m.id,
            m.endpoint,
            m.model,
            m.version,
            `${m.baseline.dataset} v${m.baseline.version}`,
            `${m.settings.windowSeconds} s`,
            m.window.rows,
            `${m.settings.maxSamples} rows`,
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
    .command("set <id>")
    .description("Change some of a monitor's settings; the others stay as they are (approver).")
    .option("--window-seconds <n>", "close a window this long after it opened")
    .option("--min-samples <n>", "judge a window only with at least this many rows")
    .option("--max-samples <n>", "close a window early at this many rows")
    .option("--ignore <features>", "comma-separated features to leave out")
    .option("--segment-by <columns>", "comma-separated columns to judge segments by")
    .action(async (id: string, options: SetOptions) => {
      const api = typed(client());
      const m = await ok(api.GET("/monitors/{id}", { params: { path: { id } } }));
      const body = { ...m.settings, ...settingsFrom(options) };
      const next = await ok(api.PUT("/monitors/{id}", { params: { path: { id } }, body }));
      console.log(JSON.stringify(next.settings, null, 2));
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
          ["report", "window end", "closed by", "samples", "drift", "drifting features"],
          page.items.map((r) => [
            r.id,
            r.windowEnd,
            r.closedBy,
            r.samples,
            r.judged ? (r.datasetDrift ? "yes" : "no") : "not judged",
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

interface SetOptions {
  windowSeconds?: string;
  minSamples?: string;
  maxSamples?: string;
  ignore?: string;
  segmentBy?: string;
}

/** The settings named on the command line; the API checks them (a bad one changes nothing). */
function settingsFrom(options: SetOptions) {
  const whole = (flag: string, value?: string) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n)) throw new CliError(`${flag} must be a whole number, not ${value}.`);
    return n;
  };
  const list = (value?: string) =>
    value
      ?.split(",")
      .map((v) => v.trim())
      .filter(Boolean);
  const changes = {
    windowSeconds: whole("--window-seconds", options.windowSeconds),
    minSamples: whole("--min-samples", options.minSamples),
    maxSamples: whole("--max-samples", options.maxSamples),
    ignore: list(options.ignore),
    segmentBy: list(options.segmentBy),
  };
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
}

const figure = (v: number | null | undefined) => (v == null ? "-" : Number(v.toPrecision(4)));
const figures = (values: Record<string, number | null>) =>
  Object.entries(values)
    .map(([name, value]) => `${name} ${figure(value)}`)
    .join(", ") || "-";

/** Against ground truth (beside training), and CBPE's estimate, when the report has them. */
function performanceLines(r: Report): string[] {
  const lines: string[] = [];
  const p = r.performance;
  if (p) {
    lines.push(
      `performance (${p.labelled} labelled): ${figures(p.metrics)}; training: ${figures(p.training)}`,
    );
    for (const d of p.degraded)
      lines.push(
        `degraded: ${d.metric} ${figure(d.value)} past ${figure(d.threshold)} (training ${figure(d.training)})`,
      );
  }
  const e = r.estimatedPerformance;
  if (e) lines.push(`estimated (CBPE, no labels): ${figures(e)}`);
  return lines;
}

function reportText(r: Report): string {
  const rows = r.features.map((f) => [
    f.feature,
    f.type,
    f.method ?? "-",
    f.value === null ? "-" : Number(f.value.toPrecision(4)),
    f.threshold ?? "-",
    f.level,
    `${Math.round(f.missingRate * 1000) / 10}%`,
  ]);
  return [
    `${r.id}: ${r.endpoint} (${r.model} v${r.version}) vs ${r.baseline.dataset} v${r.baseline.version}, ${r.samples} rows, ${r.windowStart} → ${r.windowEnd}`,
    table(["feature", "type", "method", "value", "threshold", "level", "missing"], rows),
    r.judged
      ? `dataset drift: ${r.datasetDrift ? "yes" : "no"} (share ${Math.round(r.driftShare * 1000) / 10}%)${r.ignored.length ? `; left out: ${r.ignored.join(", ")}` : ""}`
      : `not judged: fewer rows than the monitor's minSamples`,
    ...performanceLines(r),
    ...(r.segments[0]
      ? [
          `worst segment: ${r.segments[0].column}=${r.segments[0].value} (${r.segments[0].drifting.join(", ") || "no drift"})`,
        ]
      : []),
  ].join("\n");
}
