import type { Command } from "commander";
import { type ApiClient, ok, type Schemas, typed } from "../../client";
import { table } from "../../table";

type Comparison = Schemas["ModelVersionComparison"];

/** `gyre models compare <model> <a> <b>`: metrics side by side, the data and the hyperparameters that differ. */
export function registerModelCompare(models: Command, client: () => ApiClient): void {
  models
    .command("compare <model> <a> <b>")
    .description(
      "Compare two versions: metrics (b - a), training data, hyperparameters that differ.",
    )
    .option("--json", "print the comparison as JSON")
    .action(async (model: string, a: string, b: string, options: { json?: boolean }) => {
      const comparison = await ok(
        typed(client()).GET("/models/{name}/versions/{a}/compare/{b}", {
          params: { path: { name: model, a: Number(a), b: Number(b) } },
        }),
      );
      console.log(options.json ? JSON.stringify(comparison, null, 2) : modelComparison(comparison));
    });
}

export function modelComparison(c: Comparison): string {
  const [va, vb] = [`v${c.a}`, `v${c.b}`];
  const metrics = table(
    ["metric", va, vb, "delta"],
    c.metrics.map((m) => [m.metric, num(m.a), num(m.b), m.delta === null ? "-" : signed(m.delta)]),
  );
  const data = (d: Comparison["dataset"]["a"]) =>
    d ? `${d.name} v${d.version} (${d.sha256.slice(0, 12)})` : "-";
  const dataset = c.dataset.same
    ? `data: the same, ${data(c.dataset.a)}`
    : `data: ${data(c.dataset.a)} → ${data(c.dataset.b)}`;
  const hyperparameters = c.hyperparameters.length
    ? table(
        ["hyperparameter", va, vb],
        c.hyperparameters.map((h) => [h.name, value(h.a), value(h.b)]),
      )
    : "hyperparameters: the same";
  return [`${c.model} ${va} → ${vb}`, metrics, dataset, hyperparameters].join("\n\n");
}

const num = (n: number | null) => (n === null ? "-" : String(Number(n.toPrecision(4))));
const signed = (n: number) => `${n > 0 ? "+" : ""}${Number(n.toPrecision(4))}`;
const value = (v: unknown) => (v === undefined ? "-" : JSON.stringify(v));
