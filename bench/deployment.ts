import { performance } from "node:perf_hooks";
import { deployment } from "@gyre/functions/deployment/service";
import { registry } from "@gyre/functions/registry/service";
import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { percentile } from "./stats";

const RATE_PER_SECOND = 50;
const REQUESTS = 500;
const ROUNDS = 5;
const serve = {
  image: "node:22-slim",
  local: { command: ["node", "functions/deployment/fixtures/server.mjs"] },
};

/**
 * The deployment service on the real local parts: time from approval (Model Version Approved)
 * to Deployment Succeeded with ALL_AT_ONCE, and invocation latency through the endpoint's
 * proxy (the API route and the weighted router) against the model server directly, at a
 * fixed rate, so the difference is the proxy's overhead.
 */
export async function benchDeployment(): Promise<void> {
  const t = await startTestPlatform({ s3: true, services: [registry, deployment] });
  try {
    await post(t, "/endpoints", "approver", {
      name: "bench",
      model: "bench",
      rollout: { type: "ALL_AT_ONCE", waitIntervalInSeconds: 0 },
      dataCapture: { enabled: false },
    });
    const leads: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) leads.push(await approveToServing(t, round));
    leads.sort((a, b) => a - b);
    console.log(
      `deployment: approval → Deployment Succeeded (ALL_AT_ONCE, one instance, model server start included): median ${percentile(leads, 50).toFixed(0)} ms, min ${leads[0]?.toFixed(0)}, max ${leads.at(-1)?.toFixed(0)} (${ROUNDS} rollouts)`,
    );
    const port = t.endpointHost ? await directPort(t) : undefined;
    const body = "1,2,3\n";
    const viaProxy = await paced(() =>
      t.app.request("/endpoints/bench/invocations", {
        method: "POST",
        headers: { ...t.as.pipeline, "content-type": "text/csv" },
        body,
      }),
    );
    const direct = await paced(() =>
      fetch(`http://127.0.0.1:${port}/invocations`, {
        method: "POST",
        headers: { "content-type": "text/csv" },
        body,
      }),
    );
    for (const [label, times] of [
      ["through the endpoint", viaProxy],
      ["direct to the model server", direct],
    ] as const) {
      console.log(
        `deployment: invocation ${label}: p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms (${REQUESTS} requests at ${RATE_PER_SECOND}/s, in process)`,
      );
    }
  } finally {
    await t.close();
  }
}

async function approveToServing(t: TestPlatform, round: number): Promise<number> {
  const registered = (await post(t, "/models/bench/versions", "pipeline", {
    artifactUri: `s3://gyre-data/runs/run_b${round}/model/`,
    metrics: { auc: 0.9 },
    runId: `run_b${round}`,
    serve,
  })) as { version: number };
  await t.bus.drain();
  const started = performance.now();
  await post(t, `/models/bench/versions/${registered.version}/approve`, "approver", {
    comment: "bench",
  });
  for (;;) {
    const page = (await t.archive.list({ detailType: "Deployment Succeeded", limit: 1 })).items;
    if ((page[0]?.detail as { version?: number } | undefined)?.version === registered.version)
      break;
    await new Promise((r) => setTimeout(r, 5));
  }
  return performance.now() - started;
}

async function directPort(t: TestPlatform): Promise<number> {
  // The router's own pick, as the proxy makes it: the serving fleet's instance.
  const host = t.endpointHost as unknown as {
    traffic: { of(name: string): { blue?: { port(): number } } };
  };
  return host.traffic.of("bench").blue?.port() as number;
}

async function paced(request: () => Promise<Response> | Response): Promise<number[]> {
  const times: number[] = [];
  const gap = 1000 / RATE_PER_SECOND;
  for (let i = 0; i < REQUESTS; i++) {
    const due = performance.now() + gap;
    const sent = performance.now();
    await (await request()).arrayBuffer();
    times.push(performance.now() - sent);
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  return times.sort((a, b) => a - b);
}

async function post(t: TestPlatform, path: string, role: keyof TestPlatform["as"], body: unknown) {
  const res = await t.app.request(path, {
    method: "POST",
    headers: { ...t.as[role], "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}
