import { maxBodyBytes } from "@gyre/core/platform/http/app";
import { services } from "@gyre/functions/services";
import type { HttpServer } from "@gyre/local/http/serve";
import { listen } from "@gyre/local/http/serve";
import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Operation, operationsOf } from "./support/fuzz/operations";
import { type FuzzRequest, oversizeFor, requestsFor } from "./support/fuzz/requests";
import { goodValue, seedState } from "./support/fuzz/seed-state";
import { type Answer, send, violation } from "./support/fuzz/send";
import { snapshotState } from "./support/fuzz/snapshot";

/** Rerun a failure with GYRE_FUZZ_SEED=<the seed it printed>. */
const seed = Number(process.env.GYRE_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const SAMPLES_PER_KIND = 5;
const AT_ONCE = 4;

let t: TestPlatform;
let server: HttpServer;
let base: string;
let operations: Operation[];
const figures = { requests: 0, cells: 0 };

beforeAll(async () => {
  t = await startTestPlatform({ s3: true, services });
  await seedState(t);
  server = await listen(t.app.fetch, "127.0.0.1", 0);
  base = `http://127.0.0.1:${server.port}`;
  operations = operationsOf(await (await fetch(`${base}/openapi.json`)).json());
}, 60_000);

afterAll(async () => {
  console.log(
    `input safety (seed ${seed}): ${figures.requests} malformed requests fuzzed over ${operations?.length} routes; ${figures.cells} route × role cells checked`,
  );
  await server?.close();
  await t?.close();
});

function malformedRequests(): FuzzRequest[] {
  const fuzzer = { auth: t.as.admin, good: goodValue, maxBodyBytes: maxBodyBytes() };
  return operations.flatMap((op, i) => {
    const sampled = requestsFor(op, fuzzer).flatMap((arbitrary, j) =>
      fc.sample(arbitrary, { seed: seed + i * 100 + j, numRuns: SAMPLES_PER_KIND }),
    );
    const oversize = oversizeFor(op, fuzzer);
    return oversize ? [...sampled, oversize] : sampled;
  });
}

async function sendAll(requests: FuzzRequest[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < requests.length; i += AT_ONCE) {
    const batch = requests.slice(i, i + AT_ONCE);
    answers.push(...(await Promise.all(batch.map((r) => send(base, r)))));
  }
  return answers;
}

const describeRequest = (r: FuzzRequest) =>
  `[seed ${seed}] ${r.kind}: ${r.method} ${r.url.slice(0, 200)} ${r.headers["content-type"] ?? "(no content-type)"} ${r.body?.slice(0, 200) ?? ""}`;

describe("every route, fuzzed with malformed requests", () => {
  it("answers every one with a 4xx in the error format (or a harmless read), never a 5xx or a hang, and changes nothing", async () => {
    const before = await snapshotState(t);
    const requests = malformedRequests();
    expect(requests.length).toBeGreaterThanOrEqual(1000);
    const answers = await sendAll(requests);
    await t.bus.drain();
    figures.requests = requests.length;
    const broken = requests.flatMap((r, i) => {
      const why = violation(answers[i] as Answer);
      return why ? [`${describeRequest(r)}\n  → ${why}`] : [];
    });
    expect(broken, broken.slice(0, 10).join("\n")).toEqual([]);
    const accepted = requests.flatMap((r, i) => {
      const a = answers[i] as { status: number };
      return r.method !== "GET" && a.status < 400 ? [`${describeRequest(r)} → ${a.status}`] : [];
    });
    expect(accepted, accepted.slice(0, 10).join("\n")).toEqual([]);
    expect(await snapshotState(t), `[seed ${seed}] the state changed`).toEqual(before);
  }, 120_000);
});
