import { PutObjectCommand } from "@aws-sdk/client-s3";
import type { TestPlatform } from "@gyre/local/testing/index";
import { churnCsv } from "../../../examples/churn/generate";

// biome-ignore lint/suspicious/noExplicitAny: the driver reads whatever JSON the API answers
type Json = any;

const SAMPLES = 100;

const trainer = ["node", "e2e/support/delivery/trainer.mjs"];
const server = ["node", "functions/deployment/fixtures/server.mjs"];

const pipeline = {
  name: "churn",
  dataset: "churn",
  model: "churn",
  trigger: { onNewData: true, onDrift: true, debounceSeconds: 0 },
  job: {
    image: "node:22-slim",
    command: trainer,
    resources: { vcpus: 1, memoryMiB: 256, gpus: 0 },
    queue: "cpu",
    timeoutSeconds: 60,
  },
  hyperparameters: {},
  local: { command: trainer },
  serve: { image: "node:22-slim", local: { command: server } },
};

/** Calls the platform's API as an admin; a refusal is an error. */
export async function call(t: TestPlatform, method: string, path: string, body?: unknown) {
  const res = await t.app.request(path, {
    method,
    headers: { ...t.as.admin, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: Json = await res.json();
  if (res.status >= 300)
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Waits until nothing moves: no delivery pending, no job running, no endpoint changing. */
export async function settle(t: TestPlatform): Promise<void> {
  for (let quiet = 0; quiet < 2; ) {
    await t.bus.drain();
    await t.batch?.idle();
    await t.endpointHost?.idle();
    await new Promise((r) => setTimeout(r, 20));
    quiet = t.bus.idle ? quiet + 1 : 0;
  }
}

async function traffic(t: TestPlatform, csv: string): Promise<void> {
  const [header, ...rows] = csv.trimEnd().split("\n");
  for (let i = 0; i < rows.length; i += SAMPLES / 2) {
    const res = await t.app.request("/endpoints/churn/invocations", {
      method: "POST",
      headers: { ...t.as.pipeline, "content-type": "text/csv" },
      body: `${header}\n${rows.slice(i, i + SAMPLES / 2).join("\n")}\n`,
    });
    if (res.status !== 200) throw new Error(`invocation: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    // One capture file per request, so their Object Created events can arrive reordered.
    await t.endpointHost?.idle();
  }
}

/**
 * One trip round the loop and the retrain it causes, as a user drives it: the people's steps
 * wait for the platform to settle, everything between them happens through events.
 */
export async function driveLoop(t: TestPlatform): Promise<void> {
  await call(t, "POST", "/pipelines", pipeline);
  await call(t, "POST", "/endpoints", {
    name: "churn",
    model: "churn",
    rollout: {
      type: "CANARY",
      canarySize: { type: "CAPACITY_PERCENT", value: 50 },
      waitIntervalInSeconds: 0,
    },
  });
  await t.objects.s3.send(
    new PutObjectCommand({
      Bucket: t.bucket,
      Key: "datasets/churn/churn.csv",
      Body: churnCsv({ rows: 400, seed: 1 }),
    }),
  );
  await settle(t);
  await call(t, "POST", "/models/churn/versions/1/approve", { comment: "ship" });
  await settle(t);
  const [monitor] = (await call(t, "GET", "/monitors")).items;
  await call(t, "PUT", `/monitors/${monitor.id}`, { maxSamples: SAMPLES, minSamples: SAMPLES });
  await call(t, "PUT", "/models/churn/policy", {
    gates: [{ metric: "auc", op: ">=", threshold: 0.8 }],
    autoApprove: true,
  });
  await traffic(t, churnCsv({ rows: SAMPLES, seed: 2 }));
  await settle(t);
  await traffic(t, churnCsv({ rows: SAMPLES, seed: 3, drift: 0.6 }));
  await settle(t);
}
