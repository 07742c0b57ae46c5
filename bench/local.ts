import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { createToken, FileTokenStore } from "@gyre/core/platform/auth/index";
import { freePort } from "@gyre/local/testing/gyre-process";
import { percentile } from "./stats";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const STARTS = 5;
const SEED_EVENTS = 1_000;
const RATE_PER_SECOND = 50;
const REQUESTS = 500;

export interface Started {
  child: ChildProcess;
  readyMs: number;
  env: NodeJS.ProcessEnv;
  home: string;
}

/** `npm start` on a fresh GYRE_HOME, timed from spawn to the "Gyre is ready" line. */
export async function coldStart(extraEnv: NodeJS.ProcessEnv = {}): Promise<Started> {
  const home = await mkdtemp(join(tmpdir(), "gyre-bench-"));
  const env = {
    ...process.env,
    ...extraEnv,
    GYRE_HOME: home,
    GYRE_PORT: String(await freePort()),
    GYRE_S3_PORT: String(await freePort()),
  };
  const began = performance.now();
  const child = spawn("npm", ["start"], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk) => {
      out += chunk;
      if (out.includes("Gyre is ready")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`npm start exited ${code}: ${out}`)));
  });
  return { child, readyMs: performance.now() - began, env, home };
}

export async function stop(started: Started): Promise<void> {
  const exited = new Promise((resolve) => started.child.on("exit", resolve));
  process.kill(-(started.child.pid as number), "SIGTERM");
  await exited;
  await rm(started.home, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}

export async function benchLocal(): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const started = await coldStart();
    times.push(started.readyMs);
    await stop(started);
  }
  times.sort((a, b) => a - b);
  console.log(
    `local: cold npm start to "Gyre is ready": median ${seconds(percentile(times, 50))} s, min ${seconds(times[0] ?? 0)} s, max ${seconds(times.at(-1) ?? 0)} s (${STARTS} starts)`,
  );

  const started = await coldStart();
  try {
    await benchListEvents(started);
  } finally {
    await stop(started);
  }
}

async function benchListEvents(started: Started): Promise<void> {
  const { token } = await createToken(new FileTokenStore(join(started.home, "tokens.json")), {
    role: "admin",
    name: "bench",
  });
  const api = `http://127.0.0.1:${started.env.GYRE_PORT}`;
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  for (let i = 0; i < SEED_EVENTS; i += 10) {
    const entries = Array.from({ length: 10 }, (_, j) => ({
      source: "gyre.bench",
      detailType: "Seeded",
      detail: { n: i + j },
    }));
    await fetch(`${api}/events`, { method: "POST", headers, body: JSON.stringify({ entries }) });
  }
  const latencies: number[] = [];
  const interval = 1000 / RATE_PER_SECOND;
  const began = performance.now();
  const requests: Promise<void>[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const due = began + i * interval;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    requests.push(
      (async () => {
        const sent = performance.now();
        const res = await fetch(`${api}/events?limit=20`, { headers });
        await res.arrayBuffer();
        latencies.push(performance.now() - sent);
      })(),
    );
  }
  await Promise.all(requests);
  latencies.sort((a, b) => a - b);
  console.log(
    `local: GET /events?limit=20 at ${RATE_PER_SECOND} req/s over ${SEED_EVENTS} archived events: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms (${REQUESTS} requests)`,
  );
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}
