import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { accepts } from "hono/accepts";

type Fetch = (request: Request) => Response | Promise<Response>;

/** Paths a browser navigates to that are the API's own pages, not the console's. */
const apiPages = new Set(["/docs", "/openapi.json"]);

/**
 * The console's static files in front of the API: /assets/* from `dist`, and index.html for a
 * browser navigation (a GET that prefers text/html), so the console's deep links work on reload.
 * Everything else, and everything when `dist` is not built, goes to the API unchanged.
 */
export function withConsole(api: Fetch, dist: string): Fetch {
  const index = join(dist, "index.html");
  if (!existsSync(index)) return api;
  const app = new Hono();
  app.use("/assets/*", async (c, next) => {
    await next();
    if (c.res.ok) c.res.headers.set("cache-control", "public, max-age=31536000, immutable");
  });
  app.use("/assets/*", serveStatic({ root: dist }));
  app.on(["GET", "HEAD"], "*", async (c, next) => {
    if (apiPages.has(c.req.path) || !prefersHtml(c)) return next();
    c.header("cache-control", "no-cache");
    return c.html(await readFile(index, "utf8"));
  });
  app.all("*", (c) => api(c.req.raw));
  return app.fetch;
}

const prefersHtml = (c: Parameters<typeof accepts>[0]) =>
  accepts(c, {
    header: "Accept",
    supports: ["application/json", "text/html"],
    default: "application/json",
  }) === "text/html";
