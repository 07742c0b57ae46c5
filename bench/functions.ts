import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { apis, services, subscriptions, ticks } from "@gyre/functions/services";
import { build } from "esbuild";

/** Issue 14's targets for every Lambda bundle. */
const MAX_BYTES = 300 * 1024;
const MAX_INIT_MS = 100;

/**
 * Every Lambda function as SST would ship it: its handler module bundled with the AWS SDK,
 * minified, for Node 22 (esbuild, as SST uses). Prints each bundle's size and the time its
 * module takes to load in a fresh Node process (the cold start's init, before any call).
 */
export async function benchFunctions(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "gyre-bundles-"));
  try {
    const rows: [string, number, number][] = [];
    for (const handler of handlers()) {
      const outfile = join(dir, `${handler.replaceAll("/", "_")}.mjs`);
      await build({
        entryPoints: [handler],
        bundle: true,
        minify: true,
        platform: "node",
        format: "esm",
        target: "node22",
        outfile,
        logLevel: "silent",
        banner: {
          js: "import{createRequire as __cr}from'module';const require=__cr(import.meta.url);",
        },
      });
      rows.push([handler, statSync(outfile).size, initMs(outfile, dir)]);
    }
    for (const [handler, bytes, ms] of rows.sort((a, b) => b[1] - a[1])) {
      const over = bytes > MAX_BYTES || ms > MAX_INIT_MS ? "  (over target)" : "";
      console.log(
        `functions: ${handler}: ${(bytes / 1024).toFixed(0)} KB minified, init ${ms.toFixed(0)} ms${over}`,
      );
    }
    const within = rows.filter(([, b, ms]) => b <= MAX_BYTES && ms <= MAX_INIT_MS).length;
    console.log(
      `functions: ${within} of ${rows.length} within ${MAX_BYTES / 1024} KB and ${MAX_INIT_MS} ms`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function handlers(): string[] {
  const modules = [
    ...apis.map((a) => a.handler),
    ...subscriptions.map((s) => s.handler),
    ...ticks.map((t) => t.handler),
    ...services.flatMap((s) => [s.timer?.handler, s.schedules?.handler]),
  ];
  return [...new Set(modules.filter((m): m is string => Boolean(m)))];
}

/** Median of three loads of the bundle, each in a new Node process. */
function initMs(bundle: string, dir: string): number {
  const probe = join(dir, "probe.mjs");
  writeFileSync(
    probe,
    `const t = performance.now(); await import(${JSON.stringify(bundle)}); console.log(performance.now() - t);`,
  );
  const env = { ...process.env, AWS_REGION: "us-east-1", AWS_LAMBDA_FUNCTION_NAME: "bench" };
  const times = [0, 1, 2].map((_) =>
    Number(execFileSync(process.execPath, [probe], { env, encoding: "utf8" }).trim()),
  );
  return times.sort((a, b) => a - b)[1] as number;
}
