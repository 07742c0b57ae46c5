import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  cruise,
  type ICruiseOptions,
  type ICruiseResult,
  type IViolation,
} from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The import rules live in .dependency-cruiser.cjs; `npm run check:imports` prints the same
// violations for people. This file runs them inside `npm test`.

const root = dirname(fileURLToPath(import.meta.url));
const configFile = join(root, ".dependency-cruiser.cjs");
const tsConfigFile = join(root, "tsconfig.json");

/** Cruises `baseDir` (every file under it) with the repository's rules. */
async function cruiseTree(baseDir: string, tsConfig?: string): Promise<ICruiseResult> {
  const options: ICruiseOptions = {
    ...(await extractDepcruiseOptions(configFile)),
    baseDir,
    tsConfig: tsConfig ? { fileName: tsConfig } : undefined,
  };
  const transpile = tsConfig ? { tsConfig: extractTSConfig(tsConfig) } : {};
  const { output } = await cruise(["."], options, {}, transpile);
  if (typeof output === "string")
    throw new Error("dependency-cruiser returned a report, not a result");
  return output;
}

/** One violation as a line people can read: `from → to (rule)`, with the loop for a circle. */
function describeViolation(violation: IViolation): string {
  const line = `${violation.from} → ${violation.to} (${violation.rule.name})`;
  const cycle = violation.cycle?.map((step) => step.name);
  return cycle?.length ? `${line}: ${[violation.from, ...cycle].join(" → ")}` : line;
}

function violationsOf(result: ICruiseResult): string[] {
  return (result.summary.violations ?? []).map(describeViolation).sort();
}

describe("import rules over the whole tree", () => {
  let tree: ICruiseResult;

  beforeAll(async () => {
    tree = await cruiseTree(root, tsConfigFile);
  }, 30_000);

  it("has no circles and no import pointing the wrong way", () => {
    expect(violationsOf(tree)).toEqual([]);
  });

  it("follows workspace imports (@gyre/...) into the folders they name", () => {
    const dependencies = tree.modules.flatMap((module) =>
      module.dependencies.map((dependency) => ({ from: module.source, ...dependency })),
    );
    const workspace = dependencies.filter((dependency) => dependency.module.startsWith("@gyre/"));
    expect(workspace.length).toBeGreaterThan(100);
    expect(workspace.filter((dependency) => dependency.couldNotResolve)).toEqual([]);
    const resolved = (from: string, module: string) =>
      dependencies.find((dependency) => dependency.from === from && dependency.module === module)
        ?.resolved;
    expect(resolved("functions/training/api.ts", "@gyre/core/training/index")).toBe(
      "packages/core/src/training/index.ts",
    );
    expect(resolved("packages/local/src/platform.ts", "@gyre/functions/services")).toBe(
      "functions/services.ts",
    );
    expect(resolved("packages/core/src/datasets/scan.ts", "@gyre/profile/index")).toBe(
      "packages/profile/src/index.ts",
    );
    expect(resolved("packages/core/src/platform/bus/envelope.ts", "@gyre/events")).toBe(
      "events/index.ts",
    );
  });
});

/**
 * A tiny tree in the repository's shape that breaks each rule once (the comments name the rule)
 * and also holds edges the rules allow, so the check is seen to bite and not to over-bite.
 */
const fixture: Record<string, string> = {
  // no-circular: a loop inside events/, where the folder rules themselves allow every edge.
  "events/a.ts": 'import { b } from "./b";\nexport const a = () => b;\n',
  "events/b.ts": 'import { a } from "./a";\nexport const b = () => a;\n',
  // not-to-stacks: core reaching up to the infrastructure.
  "packages/core/src/platform/kernel.ts":
    'import { stage } from "../../../../stacks/stage";\nexport const kernel = stage;\n',
  "stacks/stage.ts": 'export const stage = "dev";\n',
  // Allowed: stacks → a functions declaration module → core → events.
  "stacks/app.ts": 'import { wiring } from "../functions/wiring";\nexport const app = wiring;\n',
  "functions/wiring.ts":
    'import { kernel } from "../packages/core/src/platform/kernel";\nexport const wiring = kernel;\n',
  "packages/core/src/training/run.ts":
    'import { a } from "../../../../events/a";\nexport const run = a;\n',
  // stacks-to-functions-declarations-only: stacks reaching into handler code.
  "stacks/handlers.ts":
    'import { handler } from "../functions/datasets/handler";\nexport const handlers = [handler];\n',
  // domain-not-to-other-domain
  "packages/core/src/datasets/ingest.ts":
    'import { run } from "../training/run";\nexport const ingest = run;\n',
  // platform-not-to-domains
  "packages/core/src/platform/lookup.ts":
    'import { ingest } from "../datasets/ingest";\nexport const lookup = ingest;\n',
  // core-imports-inward: core importing a layer above it.
  "packages/core/src/platform/serve.ts":
    'import { local } from "../../../local/src/platform";\nexport const serve = local;\n',
  "packages/local/src/platform.ts":
    'import { wiring } from "../../../functions/wiring";\nexport const local = wiring;\n',
  // service-not-to-other-service
  "functions/datasets/handler.ts":
    'import { trainingHandler } from "../training/handler";\nexport const handler = trainingHandler;\n',
  "functions/training/handler.ts": "export const trainingHandler = () => 1;\n",
  // Allowed: functions/platform may use another service's api.ts.
  "functions/datasets/api.ts": "export const datasetsApi = 1;\n",
  "functions/platform/api.ts":
    'import { datasetsApi } from "../datasets/api";\nexport const platformApi = datasetsApi;\n',
  // Allowed: a test file may import the test-support module; a helper beside it may not.
  "packages/local/src/testing.ts":
    'import { local } from "./platform";\nexport const startTestPlatform = () => local;\n',
  "functions/datasets/api.test.ts":
    'import { startTestPlatform } from "../../packages/local/src/testing";\nexport const platform = startTestPlatform;\n',
  // testing-only-from-tests
  "functions/datasets/test-platform.ts":
    'import { startTestPlatform } from "../../packages/local/src/testing";\nexport const platform = startTestPlatform;\n',
  // events-imports-nothing
  "events/catalog.ts":
    'import { kernel } from "../packages/core/src/platform/kernel";\nexport const catalog = kernel;\n',
  // Allowed: examples/ sit outside the house and may import anything.
  "examples/demo.ts":
    'import { app } from "../stacks/app";\nimport { local } from "../packages/local/src/platform";\nexport const demo = [app, local];\n',
};

describe("import rules over a fixture that breaks them", () => {
  let fixtureDir: string;

  beforeAll(async () => {
    fixtureDir = await mkdtemp(join(tmpdir(), "gyre-architecture-"));
    for (const [path, text] of Object.entries(fixture)) {
      await mkdir(dirname(join(fixtureDir, path)), { recursive: true });
      await writeFile(join(fixtureDir, path), text);
    }
  });

  afterAll(async () => {
    await rm(fixtureDir, { recursive: true, force: true });
  });

  it("reports the circle and each wrong-way import under its rule, and nothing else", async () => {
    const result = await cruiseTree(fixtureDir);
    expect(result.summary.totalCruised).toBe(Object.keys(fixture).length);
    expect(violationsOf(result)).toEqual([
      "events/a.ts → events/b.ts (no-circular): events/a.ts → events/b.ts → events/a.ts",
      "events/catalog.ts → packages/core/src/platform/kernel.ts (events-imports-nothing)",
      "functions/datasets/handler.ts → functions/training/handler.ts (service-not-to-other-service)",
      "functions/datasets/test-platform.ts → packages/local/src/testing.ts (testing-only-from-tests)",
      "packages/core/src/datasets/ingest.ts → packages/core/src/training/run.ts (domain-not-to-other-domain)",
      "packages/core/src/platform/kernel.ts → stacks/stage.ts (not-to-stacks)",
      "packages/core/src/platform/lookup.ts → packages/core/src/datasets/ingest.ts (platform-not-to-domains)",
      "packages/core/src/platform/serve.ts → packages/local/src/platform.ts (core-imports-inward)",
      "stacks/handlers.ts → functions/datasets/handler.ts (stacks-to-functions-declarations-only)",
    ]);
  });
});
