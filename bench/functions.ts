import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lambdaEntry, writeLambdaEntry } from "@gyre/functions/bundling/entry";
import { sstBuildOptions } from "@gyre/functions/bundling/sst";
import { lambdaModules } from "@gyre/functions/services";
import type { Access } from "@gyre/functions/wiring";
import { build, type Metafile } from "esbuild";
import plugins from "../functions/bundling/plugins.mjs";

/** Issue 14's targets for every Lambda bundle. */
const MAX_BYTES = 300 * 1024;
const MAX_INIT_MS = 100;

interface Measured {
  module: string;
  bytes: number;
  /** The process's CPU time (user + system) to load the module: what the target is judged on. */
  initMs: number;
  /** The wall time of the same loads, which on a shared machine also counts its neighbours. */
  wallMs: number;
  largest: [string, number][];
}

/**
 * Every Lambda function as SST ships it: the entry stacks/ generates from its declared access,
 * bundled with SST's own esbuild options and plugins (functions/bundling/sst.ts), the AWS SDK
 * included. Prints each bundle's size, its largest packages, the time its module takes to load
 * in a fresh Node process (the cold start's init, before any call), and whether it is within
 * the targets. Init is judged on CPU time: on this 2-core machine shared with other work, wall
 * time mostly measures the neighbours (it is printed too).
 */
export async function benchFunctions(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "gyre-bundles-"));
  try {
    const rows: Measured[] = [];
    for (const fn of lambdaModules()) rows.push(await measure(fn, dir));
    for (const row of rows.sort((a, b) => b.bytes - a.bytes)) console.log(line(row));
    const passed = rows.filter(within).length;
    const small = rows.filter((r) => r.bytes <= MAX_BYTES).length;
    const quick = rows.filter((r) => r.initMs <= MAX_INIT_MS).length;
    console.log(
      `functions: ${passed} of ${rows.length} pass ≤ ${MAX_BYTES / 1024} KB minified and ≤ ${MAX_INIT_MS} ms init ` +
        `(${small} within size, ${quick} within init); sizes ${range(rows.map((r) => r.bytes / 1024))} KB, ` +
        `init ${range(rows.map((r) => r.initMs))} ms CPU`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(fn: { module: string; access: Access }, dir: string): Promise<Measured> {
  const name = fn.module
    .replace(/^functions\//, "")
    .replace(/\.ts$/, "")
    .replaceAll("/", "-");
  const entry = writeLambdaEntry(process.cwd(), lambdaEntry(`bench-${name}`, fn.module, fn.access));
  const outfile = join(dir, `${name}.mjs`);
  try {
    const result = await build({ ...sstBuildOptions(entry, outfile, plugins), metafile: true });
    const output = Object.values(result.metafile.outputs)[0] as Metafile["outputs"][string];
    return {
      module: fn.module,
      bytes: output.bytes,
      ...init(outfile, dir),
      largest: largestPackages(output),
    };
  } finally {
    rmSync(entry, { force: true });
  }
}

function within(row: Measured): boolean {
  return row.bytes <= MAX_BYTES && row.initMs <= MAX_INIT_MS;
}

function line(row: Measured): string {
  const over = [row.bytes > MAX_BYTES && "size", row.initMs > MAX_INIT_MS && "init"].filter(
    Boolean,
  );
  const verdict = over.length ? `FAIL (${over.join(", ")})` : "PASS";
  const largest = row.largest.map(([pkg, bytes]) => `${pkg} ${kb(bytes)}`).join(", ");
  const init = `init ${row.initMs.toFixed(0)} ms CPU (${row.wallMs.toFixed(0)} ms wall)`;
  return `functions: ${verdict} ${row.module}: ${kb(row.bytes)} minified, ${init}; largest: ${largest}`;
}

function range(values: number[]): string {
  return `${Math.min(...values).toFixed(0)}-${Math.max(...values).toFixed(0)}`;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KB`;
}

/** The bundle's bytes by npm package (our own code by workspace folder), largest first. */
function largestPackages(output: Metafile["outputs"][string], count = 5): [string, number][] {
  const bytes = new Map<string, number>();
  for (const [path, input] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split("/")[0] ?? path;
    bytes.set(pkg, (bytes.get(pkg) ?? 0) + input.bytesInOutput);
  }
  return [...bytes].sort((a, b) => b[1] - a[1]).slice(0, count);
}

/** Medians of five loads of the bundle, each in a new Node process. */
function init(bundle: string, dir: string): { initMs: number; wallMs: number } {
  const probe = join(dir, "probe.mjs");
  writeFileSync(
    probe,
    [
      "const cpu = process.cpuUsage(), t = performance.now();",
      `await import(${JSON.stringify(bundle)});`,
      "const used = process.cpuUsage(cpu);",
      "console.log(JSON.stringify([(used.user + used.system) / 1000, performance.now() - t]));",
    ].join("\n"),
  );
  const env = { ...process.env, AWS_REGION: "us-east-1", AWS_LAMBDA_FUNCTION_NAME: "bench" };
  const runs = [0, 1, 2, 3, 4].map(
    (_) =>
      JSON.parse(execFileSync(process.execPath, [probe], { env, encoding: "utf8" })) as [
        number,
        number,
      ],
  );
  return { initMs: median(runs.map((r) => r[0])), wallMs: median(runs.map((r) => r[1])) };
}

function median(values: number[]): number {
  return values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}
