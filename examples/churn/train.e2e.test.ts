import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { S3Client } from "@aws-sdk/client-s3";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { churnCsv } from "./generate";
import type { ChurnModel } from "./model";
import pipeline from "./pipeline.json";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
let platform: TestPlatform;
let s3: S3Client;

beforeAll(async () => {
  platform = await startTestPlatform({ s3: true });
  s3 = platform.objects.s3;
  const put = (key: string, body: string | Buffer) =>
    s3.send(
      new PutObjectCommand({
        Bucket: platform.bucket,
        Key: key,
        Body: body,
        ContentLength: Buffer.byteLength(body),
      }),
    );
  await put("datasets/churn/churn.csv", churnCsv({ rows: 5000 }));
  const [header, ...lines] = churnCsv({ rows: 3000, seed: 5 }).trimEnd().split("\n");
  await put(
    "datasets/churn/2026-11-26/part-0.csv",
    `${header}\n${lines.slice(0, 1500).join("\n")}\n`,
  );
  await put(
    "datasets/churn/2026-11-26/part-1.csv.gz",
    gzipSync(`${header}\n${lines.slice(1500).join("\n")}\n`),
  );
  await put("datasets/churn/2026-11-26/_SUCCESS", "");
}, 30_000);

afterAll(() => platform?.close());

/** Runs the trainer as Gyre's runners do: the command from pipeline.json, the contract in env. */
function train(contract: Record<string, string>) {
  const [command = "npx", ...args] = pipeline.local.command;
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        AWS_ENDPOINT_URL_S3: platform.s3?.endpoint,
        AWS_ACCESS_KEY_ID: "gyre-local",
        AWS_SECRET_ACCESS_KEY: "gyre-local",
        AWS_REGION: "us-east-1",
        ...contract,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function readJson<T>(key: string): Promise<T> {
  const object = await s3.send(new GetObjectCommand({ Bucket: platform.bucket, Key: key }));
  return JSON.parse((await object.Body?.transformToString()) ?? "") as T;
}

describe("the churn trainer under Gyre's job contract", () => {
  it("trains on an S3 CSV and writes the model, its schema and metrics", async () => {
    const run = await train({
      GYRE_RUN_ID: "run_e2e",
      GYRE_DATASET_URI: `s3://${platform.bucket}/datasets/churn/churn.csv`,
      GYRE_HYPERPARAMETERS: JSON.stringify(pipeline.hyperparameters),
      GYRE_OUTPUT_URI: `s3://${platform.bucket}/runs/run_e2e/`,
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("[train] dataset: 5000 rows, 12 columns");
    const metrics = await readJson<Record<string, number>>("runs/run_e2e/metrics.json");
    expect(metrics.auc).toBeGreaterThan(0.75);
    expect(metrics).toMatchObject({ train_rows: 4000, test_rows: 1000 });
    for (const name of ["accuracy", "log_loss", "train_seconds"]) {
      expect(metrics[name]).toEqual(expect.any(Number));
    }
    const model = await readJson<ChurnModel>("runs/run_e2e/model/model.json");
    expect(model).toMatchObject({
      runId: "run_e2e",
      label: "churned",
      model: { kind: "random-forest" },
    });
    expect(await readJson("runs/run_e2e/model/schema.json")).toEqual(model.schema);
  }, 30_000);

  it("concatenates a folder of CSV parts (one gzipped), skipping the _SUCCESS marker", async () => {
    const run = await train({
      GYRE_RUN_ID: "run_parts",
      GYRE_DATASET_URI: `s3://${platform.bucket}/datasets/churn/2026-11-26/`,
      GYRE_HYPERPARAMETERS: JSON.stringify({
        model: "logistic-regression",
        forceMetric: { auc: 0.51 },
      }),
      GYRE_OUTPUT_URI: `s3://${platform.bucket}/runs/run_parts`,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("part-1.csv.gz: 3000 rows so far");
    const metrics = await readJson<Record<string, number>>("runs/run_parts/metrics.json");
    expect(metrics).toMatchObject({ auc: 0.51, train_rows: 2400, test_rows: 600 });
  }, 30_000);

  it.each([
    [{ GYRE_HYPERPARAMETERS: '{"failWith":"exit"}' }, "failing on purpose"],
    [
      { GYRE_DATASET_URI: "s3://gyre-data/datasets/churn/missing.csv" },
      "cannot read s3://gyre-data/datasets/churn/missing.csv: NoSuchKey",
    ],
    [{ GYRE_OUTPUT_URI: "" }, "GYRE_OUTPUT_URI"],
  ])(
    "fails with exit code 1 and says why: %j",
    async (override, message) => {
      const run = await train({
        GYRE_RUN_ID: "run_fail",
        GYRE_DATASET_URI: `s3://${platform.bucket}/datasets/churn/churn.csv`,
        GYRE_OUTPUT_URI: `s3://${platform.bucket}/runs/run_fail/`,
        ...override,
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(message);
    },
    30_000,
  );
});
