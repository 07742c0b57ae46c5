import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withConsole } from "./console";

const browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const api = (request: Request) =>
  Response.json({ api: new URL(request.url).pathname, method: request.method });

let dist: string;
let fetch: ReturnType<typeof withConsole>;
beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), "gyre-console-"));
  await mkdir(join(dist, "assets"));
  await writeFile(join(dist, "index.html"), "<!doctype html><title>Gyre</title>");
  await writeFile(join(dist, "assets", "app-1.js"), "console.log(1)");
  fetch = withConsole(api, dist);
});
afterAll(() => rm(dist, { recursive: true, force: true }));

const get = (path: string, accept?: string) =>
  fetch(new Request(`http://gyre${path}`, { headers: accept ? { accept } : {} }));

describe("the console in front of the API", () => {
  it("answers a browser navigation to any page with index.html, so deep links reload", async () => {
    for (const path of ["/", "/approvals", "/models/churn/versions/2"]) {
      const res = await get(path, browser);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(await res.text()).toContain("<title>Gyre</title>");
    }
  });

  it("passes curl, the CLI and fetch calls to the API as before", async () => {
    for (const accept of [undefined, "*/*", "application/json"]) {
      const res = await get("/models/churn", accept);
      expect(await res.json()).toEqual({ api: "/models/churn", method: "GET" });
    }
    const post = await fetch(
      new Request("http://gyre/approvals", { method: "POST", headers: { accept: browser } }),
    );
    expect(await post.json()).toEqual({ api: "/approvals", method: "POST" });
  });

  it("leaves /docs and /openapi.json to the API even for a browser", async () => {
    expect(await (await get("/docs", browser)).json()).toEqual({ api: "/docs", method: "GET" });
    expect(await (await get("/openapi.json", browser)).json()).toMatchObject({
      api: "/openapi.json",
    });
  });

  it("serves the bundle's assets, cached for good (their names carry a hash)", async () => {
    const res = await get("/assets/app-1.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("javascript");
    expect(res.headers.get("cache-control")).toContain("immutable");
    expect(await res.text()).toBe("console.log(1)");
  });

  it("is the API alone when the console is not built", async () => {
    const bare = withConsole(api, join(dist, "missing"));
    const res = await bare(new Request("http://gyre/", { headers: { accept: browser } }));
    expect(await res.json()).toEqual({ api: "/", method: "GET" });
  });
});
