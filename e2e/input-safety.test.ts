import { allows, roles } from "@gyre/core/platform/auth/index";
import { maxBodyBytes } from "@gyre/core/platform/http/app";
import { services } from "@gyre/functions/services";
import type { HttpServer } from "@gyre/local/http/serve";
import { listen } from "@gyre/local/http/serve";
import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Document, type Operation, operationsOf } from "./support/fuzz/operations";
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
  operations = operationsOf((await (await fetch(`${base}/openapi.json`)).json()) as Document);
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
    for (const table of ["datasets", "training", "registry", "deployment"])
      expect(before[`dynamodb:gyre-${table}`], `seeded ${table}`).not.toEqual([]);
    expect(before["s3:gyre-data"]).not.toEqual([]);
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

const matrixRoles = ["none", "unknown", ...roles] as const;
type MatrixRole = (typeof matrixRoles)[number];

const matrixHeaders = (role: MatrixRole): Record<string, string> => {
  if (role === "none") return {};
  if (role === "unknown") return { authorization: "Bearer gyre_not_a_token_anyone_was_given" };
  return t.as[role];
};

/** Below the route's role → the auth answer; at or above → past auth (a body no schema accepts keeps it a no-op). */
function expectedAuth(op: Operation, role: MatrixRole): { status: number; code: string } | "past" {
  if (op.role === undefined) return "past";
  if (role === "none") return { status: 401, code: "auth.missing_token" };
  if (role === "unknown") return { status: 401, code: "auth.unknown_token" };
  return allows(role, op.role) ? "past" : { status: 403, code: "auth.forbidden" };
}

function matrixRequest(op: Operation, role: MatrixRole): FuzzRequest {
  const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    ["version", "a", "b"].includes(name) ? "999" : "nonesuch",
  );
  const body = op.body ? "[]" : op.rawBody ? "1,2\n" : undefined;
  const type = op.rawBody ? "text/csv" : "application/json";
  return {
    kind: `role.${role}`,
    method: op.method,
    url,
    headers: { ...matrixHeaders(role), "content-type": type },
    ...(op.method !== "GET" && body !== undefined && { body }),
  };
}

describe("the role matrix: every route × every role, against the role the document names", () => {
  it("answers below the route's role with 401/403 and its code, and at or above it past auth", async () => {
    const before = await snapshotState(t);
    const cells = operations.flatMap((op) => matrixRoles.map((role) => ({ op, role })));
    const answers = await sendAll(cells.map(({ op, role }) => matrixRequest(op, role)));
    const wrong = cells.flatMap(({ op, role }, i) => {
      const answer = answers[i] as Answer;
      const label = `${op.method} ${op.path} as ${role} (needs ${op.role ?? "no token"})`;
      if (!("status" in answer)) return [`${label}: ${violation(answer)}`];
      const expected = expectedAuth(op, role);
      const code = answer.status >= 400 ? JSON.parse(answer.text).error?.code : undefined;
      if (expected === "past")
        return [401, 403].includes(answer.status) ? [`${label}: ${answer.status} ${code}`] : [];
      return answer.status === expected.status && code === expected.code
        ? []
        : [`${label}: ${answer.status} ${code}, expected ${expected.status} ${expected.code}`];
    });
    figures.cells = cells.length;
    expect(wrong, wrong.slice(0, 10).join("\n")).toEqual([]);
    expect(cells.length).toBe(operations.length * 6);
    await t.bus.drain();
    expect(await snapshotState(t)).toEqual(before);
  }, 60_000);
});
