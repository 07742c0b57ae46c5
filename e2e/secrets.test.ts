import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { localS3Credentials } from "@gyre/core/platform/objects/s3-client";
import { freePort, type GyreProcess, startGyre, waitFor } from "@gyre/local/testing/gyre-process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../packages/cli/test/run-cli";
import { type Document, operationsOf } from "./support/fuzz/operations";

let home: string;
let env: NodeJS.ProcessEnv;
let gyre: GyreProcess;
let api: string;
const tokens: Record<string, string> = {};
/** Never created: sent as a guess, it must not be logged either. */
const guessed = `gyre_${"guessed".repeat(6)}`;

const create = async (role: string, name: string) => {
  const created = await runCli(["token", "create", "--role", role, "--name", name], { env });
  expect(created.code, created.stderr).toBe(0);
  return created.stdout.trim();
};

const call = (path: string, token: string, init: RequestInit = {}) =>
  fetch(`${api}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  });

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "gyre-secrets-"));
  const [port, s3Port] = [await freePort(), await freePort()];
  // Handlers log at debug here, so whatever they could log is in the output.
  env = {
    GYRE_HOME: home,
    GYRE_PORT: String(port),
    GYRE_S3_PORT: String(s3Port),
    POWERTOOLS_LOG_LEVEL: "DEBUG",
  };
  api = `http://127.0.0.1:${port}`;
  gyre = startGyre(env);
  await waitFor(() => gyre.output().includes("Gyre is ready") || gyre.child.exitCode !== null);
  tokens.admin = await create("admin", "keeper");
  tokens.pipeline = await create("pipeline", "ci-secrets");
}, 60_000);

afterAll(async () => {
  gyre.child.kill("SIGTERM");
  await gyre.exited;
  await rm(home, { recursive: true, force: true });
});

const secrets = () => [...Object.values(tokens), guessed];

function expectNoToken(text: string, where: string) {
  for (const token of secrets()) expect(text.includes(token), `${where} holds a token`).toBe(false);
}

describe("tokens are secrets", () => {
  it("are never logged: the runtime's whole output, after requests that carry them, holds none", async () => {
    const pipeline = JSON.parse(readFileSync("examples/churn/pipeline.json", "utf8"));
    await call("/pipelines", tokens.pipeline as string, {
      method: "POST",
      body: JSON.stringify({ ...pipeline, dataset: "never-arrives" }),
    });
    const registered = await call("/models/secret-model/versions", tokens.pipeline as string, {
      method: "POST",
      body: JSON.stringify({
        artifactUri: "s3://gyre-data/m/",
        metrics: { auc: 1 },
        runId: "run_s",
      }),
    });
    expect(registered.status).toBe(201);
    expect((await call("/models/secret-model", tokens.admin as string)).status).toBe(200);
    expect(
      (await call("/pipelines", tokens.pipeline as string, { method: "POST", body: "{" })).status,
    ).toBe(400);
    expect((await call("/events", guessed)).status).toBe(401);
    expect(
      (await call("/events", tokens.pipeline as string, { method: "POST", body: "{}" })).status,
    ).toBe(403);
    const s3 = new S3Client({
      endpoint: `http://127.0.0.1:${env.GYRE_S3_PORT}`,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: localS3Credentials,
    });
    await s3.send(
      new PutObjectCommand({ Bucket: "gyre-data", Key: "datasets/secrets/x.csv", Body: "a\n1\n" }),
    );
    await waitFor(() => gyre.output().includes("datasets/secrets/x.csv"));
    expectNoToken(gyre.output(), "the runtime's output");
    expect(gyre.output()).toContain('"level":"');
  });

  it("are never returned after creation: not by gyre token ls, not by any GET route, not in /docs or /openapi.json", async () => {
    const listed = await runCli(["token", "ls"], { env });
    expect(listed.stdout).toContain("keeper");
    expectNoToken(listed.stdout + listed.stderr, "gyre token ls");
    const document = (await (await fetch(`${api}/openapi.json`)).json()) as Document;
    expectNoToken(JSON.stringify(document), "/openapi.json");
    expectNoToken(await (await fetch(`${api}/docs`)).text(), "/docs");
    const reads = operationsOf(document).filter(
      (op) => op.method === "GET" && op.path !== "/events/stream",
    );
    for (const op of reads) {
      const path = op.path.replace(/\{(\w+)\}/g, (_, name) =>
        ["version", "a", "b"].includes(name) ? "1" : "secret-model",
      );
      expectNoToken(await (await call(path, tokens.admin as string)).text(), `GET ${path}`);
    }
    expect(reads.length).toBeGreaterThan(30);
  });

  it("are kept only as hashes under GYRE_HOME", async () => {
    const file = await readFile(join(home, "tokens.json"), "utf8");
    expect(file).toContain("keeper");
    expectNoToken(file, "tokens.json");
  });

  it("leave the audit trail no way to change: no route but GET touches history", async () => {
    const document = (await (await fetch(`${api}/openapi.json`)).json()) as Document;
    const writes = operationsOf(document).filter(
      (op) => op.path.includes("history") && op.method !== "GET",
    );
    expect(writes).toEqual([]);
  });
});
