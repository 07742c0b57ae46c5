import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { lambdaModules } from "../services";
import { withTokenLookup } from "../wiring";
import { lambdaEntry, writeLambdaEntry } from "./entry";
import plugins from "./plugins.mjs";
import { sstBuildOptions } from "./sst";

const root = join(import.meta.dirname, "../..");

describe("a Lambda function's generated entry", () => {
  it("imports the AWS adapters of the ports its access declares, and no others", () => {
    const access = withTokenLookup({ publish: true });
    const entry = lambdaEntry("RegistryApi", "functions/registry/api.ts", access);
    const adapters = [...entry.source.matchAll(/platform\/aws\/([a-z-]+)"/g)].map((m) => m[1]);

    expect(adapters).toEqual(["state", "dead-letters", "tokens", "bus"]);
    expect(entry.source).toContain(`import { lambda } from "../registry/api";`);
    expect(entry.source).toContain(
      "export const handler = lambda(awsPlatform({ state, deadLetters, tokens, bus }));",
    );
    // Only an API checks bearer tokens: a subscription's entry has no token store.
    const subscription = lambdaEntry("Sub", "functions/registry/outbox.ts", { publish: true });
    expect(subscription.source).not.toContain("platform/aws/tokens");
    expect(entry.handler).toBe("functions/entries/RegistryApi.handler");
  });

  it("exists for every declared function: each module exports the lambda its entry calls", async () => {
    for (const { module } of lambdaModules()) {
      const loaded = await import(join(root, module));
      expect(typeof loaded.lambda, module).toBe("function");
    }
  });

  it("bundles, as SST builds it, without the SDK clients of undeclared ports, the default credential chain, nor zod's other locales", async () => {
    const inputs = await bundledInputs("functions/registry/training-run-succeeded.ts");

    expect(inputs.some((path) => path.includes("@aws-sdk/client-dynamodb"))).toBe(true);
    expect(inputs.some((path) => path.includes("@aws-sdk/client-eventbridge"))).toBe(true);
    for (const unused of ["client-s3", "client-sagemaker", "client-batch", "client-scheduler"]) {
      expect(inputs.filter((path) => path.includes(`@aws-sdk/${unused}/`))).toEqual([]);
    }
    // Lambda's own credentials only: not the default chain with its STS and SSO clients.
    for (const unused of [
      "credential-provider-node/",
      "credential-provider-sso/",
      "nested-clients/",
    ]) {
      expect(inputs.filter((path) => path.includes(`@aws-sdk/${unused}`))).toEqual([]);
    }
    const locales = inputs.filter((path) => /zod\/v4\/locales\/[a-z-]+\.js$/i.test(path));
    expect(new Set(locales.map((path) => path.split("/").pop()))).toEqual(new Set(["en.js"]));
  }, 60_000);

  // Classic zod is about 100 KB of a bundle: these functions keep within 300 KB without it.
  it.each([
    "functions/registry/outbox.ts",
    "functions/training/outbox.ts",
    "functions/events/archive.ts",
    "functions/events/dead-letter.ts",
  ])(
    "bundles %s without zod's classic API",
    async (module) => {
      const inputs = await bundledInputs(module);
      expect(inputs.filter((path) => path.includes("zod/v4/classic/"))).toEqual([]);
    },
    60_000,
  );
});

/** The files esbuild put in the function's bundle, built as SST builds it. */
async function bundledInputs(module: string): Promise<string[]> {
  const fn = lambdaModules().find((declared) => declared.module === module);
  if (!fn) throw new Error(`${module} is not deployed any more; pick another function`);
  const file = writeLambdaEntry(
    root,
    lambdaEntry(`BundleTest${process.pid}`, fn.module, fn.access),
  );
  const out = join(tmpdir(), `gyre-entry-test-${process.pid}.mjs`);
  try {
    const result = await build({ ...sstBuildOptions(file, out, plugins), metafile: true });
    return Object.keys(result.metafile.inputs);
  } finally {
    rmSync(file, { force: true });
    rmSync(out, { force: true });
  }
}
