import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Hyperparameters } from "./contract";
import { appendCsv, emptyFrame } from "./frame";
import { churnCsv } from "./generate";
import { type ChurnModel, predict } from "./model";
import pipeline from "./pipeline.json";
import { outputFiles, trainOnFrame } from "./training";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const [command = "npx", ...args] = pipeline.serve.local.command;
const rows = churnCsv({ rows: 20, seed: 11 });
const [header = "", ...lines] = rows.trimEnd().split("\n");
const records = lines.map((line) => {
  const values = line.split(",");
  return Object.fromEntries(header.split(",").map((name, c) => [name, values[c] ?? ""]));
});

let home: string;
let model: ChurnModel;
const servers: ChildProcess[] = [];

/** The artifact as train.ts writes it, in a local directory: what SageMaker unpacks at SM_MODEL_DIR. */
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "gyre-serve-"));
  const result = trainOnFrame(
    appendCsv(emptyFrame(), churnCsv({ rows: 1000 })),
    Hyperparameters.parse({ trees: 10 }),
    { runId: "run_serve" },
  );
  for (const [key, value, pretty] of outputFiles(result)) {
    await mkdir(dirname(join(home, key)), { recursive: true });
    await writeFile(join(home, key), JSON.stringify(value, null, pretty ? 2 : undefined));
  }
  model = result.model;
});

afterAll(async () => {
  for (const child of servers) if (child.exitCode === null) process.kill(-(child.pid as number));
  await rm(home, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts serve.ts as a model host would (the pipeline's serve command) and waits for /ping (or its log). */
async function serve(
  env: Record<string, string | undefined>,
  readyWhen: "ping" | "loaded" = "ping",
) {
  const port = await freePort();
  const child = spawn(command, args, {
    cwd: repoRoot,
    detached: true,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      SAGEMAKER_BIND_TO_PORT: String(port),
      GYRE_SERVE_HOST: "127.0.0.1",
      ...env,
    },
  });
  servers.push(child);
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const ping = () =>
    fetch(`${url}/ping`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.status,
      (error: Error) => error.name,
    );
  for (const started = Date.now(); Date.now() - started < 15_000; ) {
    if (child.exitCode !== null) throw new Error(`serve.ts exited ${child.exitCode}: ${output}`);
    if (readyWhen === "loaded" ? output.includes("[serve] loaded") : (await ping()) === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const invoke = (body: string, headers: Record<string, string>) =>
    fetch(`${url}/invocations`, { method: "POST", headers, body });
  return { url, ping, invoke, output: () => output };
}

describe("serve.ts under SageMaker's container contract", () => {
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve({ SM_MODEL_DIR: join(home, "model") });
  }, 20_000);

  it("answers /ping with 200 once the model is loaded", async () => {
    expect((await fetch(`${server.url}/ping`)).status).toBe(200);
    expect(server.output()).toContain("[serve] loaded random-forest of run run_serve");
  });

  it("scores CSV rows, with or without the header, as the trainer's model code does", async () => {
    const expected = predict(model, records);
    const withHeader = await server.invoke(rows, { "content-type": "text/csv" });
    expect(withHeader.status).toBe(200);
    expect(withHeader.headers.get("content-type")).toBe("application/json");
    const { predictions } = (await withHeader.json()) as {
      predictions: { probability: number; label: boolean }[];
    };
    expect(predictions.map((p) => p.probability)).toEqual(expected);
    expect(predictions.map((p) => p.label)).toEqual(expected.map((p) => p >= 0.5));
    expect(expected.every((p) => p >= 0 && p <= 1)).toBe(true);

    const headerless = await server.invoke(lines.join("\n"), {
      "content-type": "text/csv",
      accept: "text/csv",
    });
    expect(headerless.headers.get("content-type")).toBe("text/csv");
    expect((await headerless.text()).trimEnd().split("\n").map(Number)).toEqual(expected);
  });

  it("scores JSON instances and JSON Lines", async () => {
    const expected = predict(model, records);
    const probabilities = async (response: Response) =>
      ((await response.json()) as { predictions: { probability: number }[] }).predictions.map(
        (p) => p.probability,
      );
    const json = await server.invoke(JSON.stringify({ instances: records }), {
      "content-type": "application/json",
    });
    expect(await probabilities(json)).toEqual(expected);
    const jsonl = await server.invoke(records.map((r) => JSON.stringify(r)).join("\n"), {
      "content-type": "application/jsonlines",
    });
    expect(await probabilities(jsonl)).toEqual(expected);
  });

  it("answers a bad row with 400 naming the row and column, and keeps serving", async () => {
    const bad = [lines[0], lines[1]?.replace(/,(\d+\.\d+),/, ",lots,")].join("\n");
    const response = await server.invoke(bad, { "content-type": "text/csv" });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'row 2, column "monthly_charges": "lots" is not a number',
    });
    expect((await server.invoke(rows, { "content-type": "text/csv" })).status).toBe(200);
    expect((await fetch(`${server.url}/nothing`)).status).toBe(404);
  });
});

describe("the demo switches", () => {
  it("GYRE_FAIL_SERVING=0.5 fails half of the requests with 500", async () => {
    const server = await serve({ SM_MODEL_DIR: join(home, "model"), GYRE_FAIL_SERVING: "0.5" });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      statuses.push((await server.invoke(lines[0] ?? "", { "content-type": "text/csv" })).status);
    }
    expect(statuses.filter((s) => s === 500)).toHaveLength(20);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
  }, 20_000);

  it("GYRE_PREDICTION_SHIFT adds to every probability, within [0, 1]", async () => {
    const server = await serve({ SM_MODEL_DIR: join(home, "model"), GYRE_PREDICTION_SHIFT: "0.9" });
    const response = await server.invoke(rows, { "content-type": "text/csv", accept: "text/csv" });
    const expected = predict(model, records).map((p) => Math.min(1, p + 0.9));
    expect((await response.text()).trimEnd().split("\n").map(Number)).toEqual(expected);
  }, 20_000);

  it("GYRE_SLOW_PING=1 never answers /ping, though it loads and serves", async () => {
    const env = { SM_MODEL_DIR: join(home, "model"), GYRE_SLOW_PING: "1" };
    const server = await serve(env, "loaded");
    expect(await server.ping()).toBe("TimeoutError");
    expect((await server.invoke(rows, { "content-type": "text/csv" })).status).toBe(200);
  }, 20_000);

  it("a missing model exits 1 and says where it looked", async () => {
    await expect(serve({ SM_MODEL_DIR: join(home, "nowhere") })).rejects.toThrow(
      /exited 1: .*\[serve\] failed: cannot read .*nowhere\/model.json/s,
    );
  }, 20_000);
});

describe("SM_MODEL_DIR as an s3:// prefix", () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ s3: true });
  }, 30_000);
  afterAll(() => platform?.close());

  it("reads the artifact through the S3 SDK and serves it", async () => {
    const aws = {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      AWS_ENDPOINT_URL_S3: platform.s3?.endpoint,
      AWS_ACCESS_KEY_ID: "gyre-local",
      AWS_SECRET_ACCESS_KEY: "gyre-local",
      AWS_REGION: "us-east-1",
    };
    const output = `s3://${platform.bucket}/runs/run_serve/`;
    for (const [key, value] of outputFiles({ model, metrics: {} })) {
      const body = JSON.stringify(value);
      await platform.objects.s3.send(
        new PutObjectCommand({
          Bucket: platform.bucket,
          Key: `runs/run_serve/${key}`,
          Body: body,
          ContentLength: Buffer.byteLength(body),
        }),
      );
    }
    const server = await serve({ ...aws, SM_MODEL_DIR: `${output}model` });
    expect(server.output()).toContain("from s3://gyre-data/runs/run_serve/model:");
    const response = await server.invoke(rows, { "content-type": "text/csv", accept: "text/csv" });
    expect((await response.text()).trimEnd().split("\n").map(Number)).toEqual(
      predict(model, records),
    );
    await expect(
      serve({ ...aws, SM_MODEL_DIR: `s3://${platform.bucket}/runs/none/model/` }),
    ).rejects.toThrow(
      /\[serve\] failed: cannot read s3:\/\/gyre-data\/runs\/none\/model\/model.json: NoSuchKey/,
    );
  }, 30_000);
});
