import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventsApi } from "../events/api";
import { platformApi } from "./api";

let platform: TestPlatform;
let app: ReturnType<typeof platformApi>;

beforeAll(async () => {
  platform = await startTestPlatform();
  const apis = [
    { service: "events" as const, prefixes: ["/events"], handler: "functions/events/api.ts" },
  ];
  app = platformApi([eventsApi(platform)], { apis });
});
afterAll(() => platform.close());

describe("the platform API", () => {
  it("answers /health without a token", async () => {
    const res = await app.request("/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", version: expect.any(String) });
  });

  it("serves an OpenAPI 3.1 document generated from the route schemas, with bearer auth", async () => {
    const doc = (await (await app.request("/openapi.json")).json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { security?: unknown; responses: Record<string, unknown> }>
      >;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/events",
      "/events/dead-letters",
      "/events/replay",
      "/events/stream",
      "/health",
    ]);
    expect(doc.paths["/events"]?.post?.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(doc.paths["/events"]?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(["200", "400", "401", "403", "413"]),
    );
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("renders an API reference page at /docs listing every route", async () => {
    const res = await app.request("/docs");
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    for (const route of [
      "GET</span> /events",
      "POST</span> /events/replay",
      "GET</span> /health",
    ]) {
      expect(html).toContain(route);
    }
  });

  it("shows request bodies as their fields, not raw $refs, and renders descriptions' Markdown", async () => {
    const html = await (await app.request("/docs")).text();
    expect(html).not.toContain("$ref");
    expect(html).toContain(
      'Request body (<a href="#schema-PutEventsRequest">PutEventsRequest</a>)',
    );
    expect(html).toMatch(/<code>entries\[\]\.detailType<\/code><\/td><td>string<\/td><td>yes/);
    expect(html).toContain('<section id="schema-PutEventsRequest">');
    expect(html).toContain("<p>Needs the <code>admin</code> role.</p>");
    expect(html).not.toMatch(/`admin`/);
  });

  it("describes only the services it serves, and each role by the routes it opens", async () => {
    const doc = (await (await app.request("/openapi.json")).json()) as {
      info: { description: string };
    };
    expect(doc.info.description).toContain("Services in this API: events (`/events`).");
    expect(doc.info.description).not.toMatch(/deployment|monitoring|SageMaker/);
    expect(doc.info.description).toContain("- **admin**: `POST /events`, `POST /events/replay`");
    expect(doc.info.description).toContain("- **approver**: nothing more");
  });

  it("answers an unknown route with a 404 in the error format", async () => {
    const res = await app.request("/nowhere");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: "route.not_found", message: expect.stringContaining("/docs") },
    });
  });
});
