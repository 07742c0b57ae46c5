import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, type GyreProcess, startGyre, waitFor } from "@gyre/local/testing/gyre-process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../packages/cli/test/run-cli";

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
type Json = any;

let home: string;
let env: NodeJS.ProcessEnv;
let gyre: GyreProcess;
let api: string;
let token: string;

const serve = {
  image: "node:22-slim",
  local: { command: ["node", "functions/deployment/fixtures/server.mjs"] },
};

async function start(): Promise<GyreProcess> {
  const started = startGyre({ ...env, GYRE_SEED_EXAMPLES: "0" });
  await waitFor(
    () => started.output().includes("Gyre is ready") || started.child.exitCode !== null,
    30_000,
  );
  expect(started.output()).toContain("Gyre is ready");
  return started;
}

async function call(method: string, path: string, body?: unknown): Promise<Json> {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

async function approve(runId: string): Promise<number> {
  const version = await call("POST", "/models/churn/versions", {
    artifactUri: `s3://gyre-data/runs/${runId}/model/`,
    metrics: { auc: 0.9 },
    runId,
    serve,
  });
  await call("POST", `/models/churn/versions/${version.version}/approve`, { comment: "ok" });
  return version.version;
}

/** Model servers of this home still running (their environment names the instance). */
function servers(): number {
  const script = `for f in $(grep -las "GYRE_HOME=${home}" /proc/[0-9]*/environ); do grep -qas GYRE_MODEL_SERVER= "$f" && echo "$f"; done | wc -l`;
  return Number(execFileSync("sh", ["-c", script]).toString().trim());
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "gyre-crash-"));
  const [port, s3Port] = [await freePort(), await freePort()];
  env = { GYRE_HOME: home, GYRE_PORT: String(port), GYRE_S3_PORT: String(s3Port) };
  api = `http://127.0.0.1:${port}`;
  gyre = await start();
  token = (
    await runCli(["token", "create", "--role", "admin", "--name", "ops"], { env })
  ).stdout.trim();
}, 60_000);

afterAll(async () => {
  if (gyre.child.exitCode === null) {
    gyre.child.kill("SIGTERM");
    await gyre.exited;
  }
  await rm(home, { recursive: true, force: true });
});

describe("killing Gyre in the middle of a rollout's bake", () => {
  it("comes back serving exactly the old version, the rollout rolled back, no orphaned servers", async () => {
    await call("POST", "/endpoints", {
      name: "churn",
      model: "churn",
      rollout: {
        type: "CANARY",
        canarySize: { type: "CAPACITY_PERCENT", value: 50 },
        waitIntervalInSeconds: 60,
      },
    });
    await approve("run_c1");
    await waitFor(
      async () => (await call("GET", "/endpoints/churn")).serving?.version === 1,
      20_000,
    );
    await approve("run_c2");
    await waitFor(
      async () => (await call("GET", "/endpoints/churn")).variants.length === 2,
      20_000,
    );

    gyre.child.kill("SIGKILL");
    await gyre.exited;
    gyre = await start();

    await waitFor(
      async () =>
        (await call("GET", "/deployments?endpoint=churn")).items[0]?.status === "RolledBack",
      20_000,
    );
    const endpoint = await call("GET", "/endpoints/churn");
    expect(endpoint.variants).toEqual([{ name: "v1", version: 1, weight: 1, instanceCount: 1 }]);
    expect(endpoint.serving.version).toBe(1);
    const [rolledBack] = (await call("GET", "/deployments?endpoint=churn")).items;
    expect(rolledBack).toMatchObject({
      version: 2,
      status: "RolledBack",
      tripped: { check: "sagemaker" },
    });
    expect(rolledBack.reason).toMatch(/^restart:/);
    const answer = await fetch(`${api}/endpoints/churn/invocations`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" },
      body: "1,2\n",
    });
    expect(answer.headers.get("x-gyre-model-version")).toBe("1");
    expect(servers()).toBe(1);
  }, 120_000);
});
