import type { ProfileComparison } from "@gyre/profile/comparison-schema";
import type { Command } from "commander";
import { type ApiClient, ok, typed } from "../../client";
import { table } from "../../table";

/** `gyre datasets compare <name> <a> <b>`: schema changes and how each column moved. */
export function registerDatasetCompare(datasets: Command, client: () => ApiClient): void {
  datasets
    .command("compare <name> <a> <b>")
    .description("Compare two versions: rows, added/removed/retyped columns, per-column drift.")
    .option("--json", "print the comparison as JSON")
    .action(async (name: string, a: string, b: string, options: { json?: boolean }) => {
      const found = await ok(
        typed(client()).GET("/datasets/{name}/versions/{a}/compare/{b}", {
          params: { path: { name, a: Number(a), b: Number(b) } },
        }),
      );
      if (options.json) return console.log(JSON.stringify(found, null, 2));
      const title = `${found.dataset} v${found.from.version} → v${found.to.version}`;
      console.log(`${title}\n\n${datasetComparison(found.comparison as ProfileComparison)}`);
    });
}

export function datasetComparison(c: ProfileComparison): string {
  const changes = [
    `rows: ${c.rows.a} → ${c.rows.b}`,
    ...c.added.map((col) => `added column ${col.name} (${col.type})`),
    ...c.removed.map((col) => `removed column ${col.name} (${col.type})`),
    ...c.typeChanged.map((col) => `column ${col.name}: ${col.from} → ${col.to}`),
  ];
  const columns = table(
    ["column", "type", "missing", "mean shift (std)", "psi", "drift"],
    c.columns.map((col) => [
      col.name,
      col.type.a === col.type.b ? col.type.a : `${col.type.a} → ${col.type.b}`,
      `${percent(col.missingRate.a)} → ${percent(col.missingRate.b)}`,
      col.mean ? fixed(col.mean.shift) : "-",
      col.drift ? fixed(col.drift.psi) : "-",
      col.drift?.level ?? "-",
    ]),
  );
  return `${changes.join("\n")}\n\n${columns}`;
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;
const fixed = (n: number) => (Math.abs(n) < 0.0005 ? "0" : n.toFixed(3));
