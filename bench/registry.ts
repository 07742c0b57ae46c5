import { performance } from "node:perf_hooks";
import type { ModelVersion } from "@gyre/core/registry/index";
import { registryStore } from "@gyre/core/registry/store";
import { startTestPlatform } from "@gyre/local/testing/index";
import { registryApi } from "../functions/registry/api";
import { percentile } from "./stats";

const VERSIONS = 10_000;
const REQUESTS = 500;
const WARMUP = 20;
const MODEL = "bench";

function version(n: number): ModelVersion {
  const at = new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
  return {
    model: MODEL,
    version: n,
    status: n % 3 === 0 ? "Approved" : "PendingManualApproval",
    artifactUri: `s3://gyre-data/runs/run_${n}/model/`,
    metrics: { auc: 0.8 + (n % 100) / 1000, accuracy: 0.75 },
    dataset: { name: MODEL, version: n, sha256: n.toString(16).padStart(64, "0") },
    runId: `run_${n}`,
    driftReportId: null,
    pipeline: MODEL,
    image: "trainer:1",
    command: ["python", "train.py"],
    serve: null,
    hyperparameters: { lr: 0.01, depth: 6 },
    description: null,
    gates: [{ gate: "auc >= 0.8", passed: true, actual: 0.85 }],
    approvals: n % 3 === 0 ? ["alice"] : [],
    reason: null,
    registeredBy: "bench",
    correlationId: null,
    createdAt: at,
    updatedAt: at,
    revision: 0,
  };
}

async function latencies(request: () => Response | Promise<Response>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await (await request()).arrayBuffer();
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const sent = performance.now();
    const res = await request();
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    times.push(performance.now() - sent);
  }
  return times.sort((a, b) => a - b);
}

/** The registry's hot reads over one model with 10,000 versions, in process against in-memory dynalite. */
export async function benchRegistry(): Promise<void> {
  const platform = await startTestPlatform();
  const store = registryStore(platform.state);
  try {
    for (let n = 1; n <= VERSIONS; n += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, i) => store.insertVersion(version(n + i))));
    }
    await store.touchModel(MODEL, VERSIONS, new Date().toISOString());
    await store.putAlias(
      { model: MODEL, alias: "champion", version: 9999, updatedAt: "", updatedBy: "bench" },
      null,
    );
    const app = registryApi(platform);
    const headers = platform.as.viewer;
    const where = `${VERSIONS.toLocaleString("en-US")} versions of one model, in-process app.request against in-memory dynalite, ${REQUESTS} sequential requests after ${WARMUP} warm-up`;
    for (const [label, path] of [
      ["GET /models/{name}/versions (first page of 20)", `/models/${MODEL}/versions`],
      ["GET /models/{name}/aliases/champion", `/models/${MODEL}/aliases/champion`],
      ["GET /approvals (first page of 20, each compared with champion)", "/approvals"],
      [
        "GET /models/{name}/versions/{v}/comparison?against=champion",
        `/models/${MODEL}/versions/5000/comparison?against=champion`,
      ],
    ] as const) {
      const times = await latencies(() => app.request(path, { headers }));
      console.log(
        `registry: ${label}: p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms (${where})`,
      );
    }
  } finally {
    await platform.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchRegistry();
