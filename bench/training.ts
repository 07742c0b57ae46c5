import { join } from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { createToken, FileTokenStore } from "@gyre/core/platform/auth/index";
import { coldStart, stop } from "./local";
import { percentile } from "./stats";

const RUNS = 10;

interface Run {
  id: string;
  status: string;
  dataset: { version: number };
  attempts: { startedAt: string | null }[];
}

/** From the S3 put of a new dataset version to its run's RUNNING state: the platform's overhead. */
export async function benchTraining(): Promise<void> {
  const started = await coldStart({ GYRE_SEED_EXAMPLES: "0" });
  try {
    const { token } = await createToken(new FileTokenStore(join(started.home, "tokens.json")), {
      role: "admin",
      name: "bench",
    });
    const api = `http://127.0.0.1:${started.env.GYRE_PORT}`;
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const call = async <T>(method: string, path: string, body?: unknown) =>
      (await (
        await fetch(`${api}${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        })
      ).json()) as T;
    await call("POST", "/pipelines", benchPipeline);
    const s3 = new S3Client({
      endpoint: `http://127.0.0.1:${started.env.GYRE_S3_PORT}`,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
    });
    const delays: number[] = [];
    for (let i = 1; i <= RUNS; i++) {
      const putAt = Date.now();
      await s3.send(
        new PutObjectCommand({
          Bucket: "gyre-data",
          Key: `datasets/bench/v${i}.csv`,
          Body: `a,b\n${i},${i * 2}\n`,
        }),
      );
      const run = await waitForRunning(call, i);
      delays.push(Date.parse(run.attempts.at(-1)?.startedAt ?? "") - putAt);
    }
    delays.sort((a, b) => a - b);
    console.log(
      `training: S3 put to run RUNNING (no debounce): median ${percentile(delays, 50)} ms, min ${delays[0]} ms, max ${delays.at(-1)} ms (${RUNS} runs)`,
    );
  } finally {
    await stop(started);
  }
}

async function waitForRunning(
  call: <T>(method: string, path: string) => Promise<T>,
  version: number,
): Promise<Run> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { items } = await call<{ items: Run[] }>("GET", "/runs?pipeline=bench&limit=5");
    const run = items.find((r) => r.dataset.version === version);
    if (
      run &&
      ["RUNNING", "SUCCEEDED", "FAILED"].includes(run.status) &&
      run.attempts.at(-1)?.startedAt
    )
      return run;
    if (Date.now() > deadline) throw new Error(`no RUNNING run for version ${version}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const benchPipeline = {
  name: "bench",
  dataset: "bench",
  model: "bench",
  trigger: { onNewData: true, debounceSeconds: 0 },
  job: {
    image: "node:22-slim",
    command: ["node", "functions/training/fixtures/trainer.mjs"],
    resources: { vcpus: 1, memoryMiB: 256, gpus: 0 },
    queue: "cpu",
    timeoutSeconds: 120,
  },
  local: { command: ["node", "functions/training/fixtures/trainer.mjs"] },
};
