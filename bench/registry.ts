import { performance } from "node:perf_hooks";
import { startTestPlatform } from "@gyre/local/testing/index";
import { registryApi } from "../functions/registry/api";
import { benchVersion, seedVersions } from "./model-versions";
import { percentile } from "./stats";

const VERSIONS = 10_000;
const REQUESTS = 500;
const WARMUP = 20;
const MODEL = "bench";

const version = (n: number) => benchVersion(MODEL, n, { approvals: n % 3 === 0 ? ["alice"] : [] });

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
  try {
    await seedVersions(platform, MODEL, VERSIONS, version);
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
