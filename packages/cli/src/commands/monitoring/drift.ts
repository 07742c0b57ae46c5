import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { ColumnDrift } from "@gyre/profile/drift/compare";
import { compareDatasets, type DatasetDrift } from "@gyre/profile/drift/dataset";
import { DataRejected } from "@gyre/profile/errors";
import { type DataFormat, formatFromKey } from "@gyre/profile/format";
import { readTypedRows, type TypedRow } from "@gyre/profile/rows";
import type { Command } from "commander";
import { CliError } from "../../cli-error";
import { table } from "../../table";

interface DriftOptions {
  reference: string;
  current: string;
  json?: boolean;
  columns?: string;
  ignore?: string;
  sketch?: boolean;
}

/** `gyre drift`: exact drift of two local files, column by column; no running Gyre needed. */
export function registerDrift(program: Command): void {
  program
    .command("drift")
    .description(
      "Compare two local files (CSV, JSON Lines or Parquet, .gz too) feature by feature: exact drift statistics, no running Gyre needed.",
    )
    .requiredOption("--reference <file>", "the reference data, e.g. the training set")
    .requiredOption("--current <file>", "the data to judge against it")
    .option("--json", "print the features, driftShare and datasetDrift as JSON")
    .option("--columns <a,b>", "compare only these columns")
    .option("--ignore <a,b>", "leave these columns out, e.g. ids")
    .option(
      "--sketch",
      "stream both files into bounded sketches instead of holding them: for files of any size, statistics within documented bounds",
    )
    .addHelpText(
      "after",
      `
Numeric features are judged by the KS p-value (< 0.05) up to 1000 reference values and by the
Wasserstein distance over the reference's std (> 0.1) above; categorical ones by the
Jensen-Shannon distance (> 0.1). The dataset drifts when at least half of the features do.
Exits 0 whether or not it drifts. Definitions: docs/drift.md.

With --sketch, memory stays bounded however large the files are: a numeric feature with at most
1000 values and a categorical one with at most 1000 categories are still exact; otherwise the KS
statistic is low by at most the largest histogram bucket's share, and each statistic's guaranteed
interval is in docs/drift.md ("Sketch mode").

Examples:
  $ gyre drift --reference churn.csv --current churn-drifted.csv --ignore customer_id
  $ gyre drift --reference train.parquet --current today.jsonl.gz --columns age,plan --json
  $ gyre drift --reference train.csv --current last-month.csv.gz --sketch`,
    )
    .action(async (options: DriftOptions) => {
      const result = await (options.sketch ? sketchDrift(options) : exactDrift(options));
      console.log(options.json ? JSON.stringify(asJson(result), null, 2) : report(result));
    });
}

async function exactDrift(options: DriftOptions): Promise<DatasetDrift> {
  const [reference, current] = await Promise.all([
    readFile(options.reference),
    readFile(options.current),
  ]);
  const columns = columnsToCompare(reference.columns, current.columns, options);
  return compareDatasets(pick(reference.rows, columns), pick(current.rows, columns));
}

/** Loaded only for --sketch, so every other command starts as fast as before. */
async function sketchDrift(options: DriftOptions): Promise<DatasetDrift> {
  const { sketchFile } = await import("./drift-sketch");
  const { compareSketches } = await import("@gyre/profile/drift/sketch/index");
  const [reference, current] = await Promise.all([
    withFile(options.reference, sketchFile),
    withFile(options.current, sketchFile),
  ]);
  const columns = columnsToCompare(
    [...reference.features.keys()],
    [...current.features.keys()],
    options,
  );
  return compareSketches(reference, current, { columns });
}

function readFile(path: string): Promise<{ columns: string[]; rows: TypedRow[] }> {
  return withFile(path, async (file, format) => {
    const data = await readTypedRows(() => createReadStream(file), format);
    const rows: TypedRow[] = [];
    for await (const row of data.rows) rows.push(row);
    return { columns: data.columns.map((c) => c.name), rows };
  });
}

/** Reads an existing file of a known format; its data errors become one-line CLI errors. */
async function withFile<T>(
  path: string,
  read: (path: string, format: DataFormat) => Promise<T>,
): Promise<T> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new CliError(`${path}: no such file`);
  const format = formatFromKey(path);
  if (!format) {
    throw new CliError(
      `${path}: unknown format (expected .csv, .tsv, .jsonl, .ndjson or .parquet; text may be .gz)`,
    );
  }
  try {
    return await read(path, format);
  } catch (error) {
    if (error instanceof DataRejected) throw new CliError(`${path}: ${error.reason}`);
    throw error;
  }
}

function columnsToCompare(reference: string[], current: string[], options: DriftOptions): string[] {
  const inCurrent = new Set(current);
  const common = reference.filter((name) => inCurrent.has(name));
  const ignored = new Set(list(options.ignore));
  if (options.columns !== undefined) {
    const wanted = list(options.columns);
    const absent = wanted.filter((name) => !common.includes(name));
    if (absent.length > 0) throw new CliError(`--columns: not in both files: ${absent.join(", ")}`);
    return wanted.filter((name) => !ignored.has(name));
  }
  const chosen = common.filter((name) => !ignored.has(name));
  if (chosen.length === 0) {
    throw new CliError(
      common.length === 0
        ? `${options.reference} and ${options.current} have no columns in common`
        : "every common column is ignored: nothing to compare",
    );
  }
  return chosen;
}

const list = (text: string | undefined) =>
  (text ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");

/** Timestamps are compared as instants, so a shift in dates is a numeric shift. */
function pick(rows: TypedRow[], columns: string[]): Record<string, unknown>[] {
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const name of columns) {
      const value = row[name];
      out[name] = value instanceof Date ? value.getTime() : value;
    }
    return out;
  });
}

function asJson(result: DatasetDrift) {
  const features: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(result.features)) {
    const { type, drift, method } = f;
    features[name] =
      f.type === "numeric"
        ? {
            type,
            ks: { statistic: f.ks.statistic, pvalue: f.ks.pvalue },
            wasserstein: f.wasserstein,
            wassersteinNorm: f.wassersteinNorm,
            psi: f.psi,
            drift,
            method,
          }
        : f.type === "categorical"
          ? { type, psi: f.psi, jensenShannon: f.jensenShannon, drift, method }
          : { type, drift, method };
  }
  return { features, driftShare: result.driftShare, datasetDrift: result.datasetDrift };
}

export function report(result: DatasetDrift): string {
  const features = Object.entries(result.features).sort(
    ([, a], [, b]) => Number(b.drift) - Number(a.drift) || severity(b) - severity(a),
  );
  const rows = features.map(([name, f]) => [
    name,
    f.type,
    f.method ?? "-",
    f.value === null ? "-" : num(f.value),
    f.threshold === null ? "-" : num(f.threshold),
    f.drift ? "yes" : "no",
  ]);
  const judged = features.filter(([, f]) => f.type !== "empty").length;
  const drifting = features.filter(([, f]) => f.drift).length;
  const share = Number((result.driftShare * 100).toFixed(1));
  return [
    table(["feature", "type", "method", "value", "threshold", "drift"], rows),
    "",
    `dataset drift: ${result.datasetDrift ? "yes" : "no"} (${drifting} of ${judged} features drift, share ${share}%)`,
  ].join("\n");
}

/** How far past (or short of) its threshold a feature is; a KS p-value drifts downwards. */
function severity(f: ColumnDrift): number {
  if (f.value === null) return Number.NEGATIVE_INFINITY;
  if (f.method === "ks") return f.threshold / Math.max(f.value, Number.MIN_VALUE);
  return f.value / f.threshold;
}

const num = (n: number) => (Number.isFinite(n) ? String(Number(n.toPrecision(4))) : String(n));
