import { roles } from "@gyre/core/platform/auth/index";
import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformApi, serviceApps } from "./api";

let platform: TestPlatform;
let app: ReturnType<typeof platformApi>;

interface Operation {
  method: string;
  path: string;
  role: (typeof roles)[number];
  hasBody: boolean;
}

/** Every authenticated route in the OpenAPI document, with the role its description names. */
async function operations(): Promise<Operation[]> {
  const doc = (await (await app.request("/openapi.json")).json()) as {
    paths: Record<
      string,
      Record<string, { description?: string; security?: unknown[]; requestBody?: unknown }>
    >;
  };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([, op]) => op.security?.length)
      .map(([method, op]) => {
        const role = /Needs the `(\w+)` role/.exec(op.description ?? "")?.[1] as Operation["role"];
        const hasBody = op.requestBody !== undefined;
        return {
          method: method.toUpperCase(),
          path: path.replace(/\{(\w+)\}/g, "1"),
          role,
          hasBody,
        };
      }),
  );
}

beforeAll(async () => {
  platform = await startTestPlatform();
  app = platformApi(await serviceApps(platform));
});
afterAll(() => platform.close());

const call = (op: Operation, headers: Record<string, string>, body = "{}") =>
  app.request(op.path, {
    method: op.method,
    headers: { "content-type": "application/json", ...headers },
    body: op.method === "GET" ? undefined : body,
  });

describe("every authenticated route", () => {
  it("is documented with the role it needs", async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThanOrEqual(33);
    for (const op of ops) expect(roles, `${op.method} ${op.path}`).toContain(op.role);
  });

  it("answers 401 without a token and with an unknown one, in the error format", async () => {
    for (const op of await operations()) {
      for (const headers of [{}, { authorization: "Bearer gyre_unknown" }] as Record<
        string,
        string
      >[]) {
        const res = await call(op, headers);
        expect(res.status, `${op.method} ${op.path}`).toBe(401);
        expect(((await res.json()) as { error: { code: string } }).error.code).toMatch(/^auth\./);
      }
    }
  });

  it("answers 403 to a token whose role is one step too low", async () => {
    for (const op of await operations()) {
      const below = roles[roles.indexOf(op.role) - 1];
      if (!below) continue;
      const res = await call(op, platform.as[below]);
      expect(res.status, `${op.method} ${op.path} as ${below}`).toBe(403);
    }
  });

  it("answers 413 to a body over the limit on every write (an invocation's limit is SageMaker's 6 MiB)", async () => {
    const big = JSON.stringify({ pad: "x".repeat(1024 * 1024) });
    const huge = JSON.stringify({ pad: "x".repeat(6 * 1024 * 1024) });
    for (const op of (await operations()).filter((o) => o.method !== "GET")) {
      const invocation = op.path.endsWith("/invocations");
      const res = await call(op, platform.as.admin, invocation ? huge : big);
      expect(res.status, `${op.method} ${op.path}`).toBe(413);
    }
  });

  it("answers 400 with a dotted code to an invalid body on every route that takes one", async () => {
    for (const op of (await operations()).filter((o) => o.hasBody)) {
      const res = await call(op, platform.as.admin, '{"unexpected": true}');
      expect(res.status, `${op.method} ${op.path}`).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        "request.invalid",
      );
    }
  });

  it("changed nothing while refusing all of the above", async () => {
    expect((await platform.archive.list({ limit: 10 })).items).toEqual([]);
  });
});
