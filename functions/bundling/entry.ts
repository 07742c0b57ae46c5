import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import type { PortName } from "@gyre/core/platform/ports";
import { type Access, portsOf } from "../wiring";

/** Where the generated entries go (not in git): SST bundles them, and so does the bench. */
export const ENTRY_DIR = "functions/entries";

/** Each port's AWS adapter, in packages/core/src/platform/aws/. */
const ADAPTERS: Record<PortName, string> = {
  bus: "bus",
  state: "state",
  objects: "objects",
  jobs: "jobs",
  endpoints: "endpoints",
  timer: "timer",
  schedules: "schedules",
  tokens: "tokens",
  events: "events",
  deadLetters: "dead-letters",
};

export interface LambdaEntry {
  /** The entry's file, from the repository root. */
  path: string;
  /** SST's form of it: `functions/entries/DatasetsApi.handler`. */
  handler: string;
  source: string;
}

/**
 * A Lambda function's entry: its module's `lambda` given an AWS platform of the ports its
 * access declares, so that the bundle imports those ports' SDK clients and no others.
 */
export function lambdaEntry(name: string, module: string, access: Access): LambdaEntry {
  const path = `${ENTRY_DIR}/${name}.ts`;
  const ports = portsOf(access);
  const from = relative(dirname(path), module.replace(/\.ts$/, ""));
  const source = [
    `// Generated from ${module} and its declared access by functions/bundling/entry.ts.`,
    `import { awsPlatform } from "@gyre/core/platform/aws-platform";`,
    ...ports.map((port) => `import { ${port} } from "@gyre/core/platform/aws/${ADAPTERS[port]}";`),
    `import { lambda } from "${from.startsWith(".") ? from : `./${from}`}";`,
    "",
    `export const handler = lambda(awsPlatform({ ${ports.join(", ")} }));`,
    "",
  ].join("\n");
  return { path, handler: `${ENTRY_DIR}/${name}.handler`, source };
}

/** Writes an entry under `root`, where the bundler reads it. */
export function writeLambdaEntry(root: string, entry: LambdaEntry): string {
  const file = join(root, entry.path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, entry.source);
  return file;
}
