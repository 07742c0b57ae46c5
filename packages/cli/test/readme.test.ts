import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runsTable } from "../src/commands/training/runs";

const root = new URL("../../../", import.meta.url).pathname;
const readme = readFileSync(join(root, "README.md"), "utf8");

/** The README's table after "The `gyre` CLI reads:". */
const cliTable = readme.split("The `gyre` CLI reads:")[1]?.split("\n\n")[1] ?? "";

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile() && f.name.endsWith(".ts") && f.name !== "api-types.ts")
    .map((f) => readFileSync(join(f.parentPath, f.name), "utf8"));
}

describe("the README, against what the CLI does", () => {
  it("lists every variable the CLI reads", () => {
    const read = new Set(
      sources(join(root, "packages/cli/src")).flatMap((text) =>
        [...text.matchAll(/env\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1] as string),
      ),
    );
    // Read through the local runtime's own config (localConfig), as npm start reads them.
    for (const name of ["GYRE_PORT", "GYRE_S3_PORT", "GYRE_HOME"]) read.add(name);
    read.delete("AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED");
    expect([...read].filter((name) => !cliTable.includes(`\`${name}\``))).toEqual([]);
  });

  it("shows the header `gyre runs ls` prints", () => {
    const header = runsTable([]).split("\n")[0] as string;
    const shown = readme.split("\n").find((line) => line.startsWith("run  "));
    expect(shown?.replace(/\s+/g, " ")).toBe(header.replace(/\s+/g, " "));
  });
});
