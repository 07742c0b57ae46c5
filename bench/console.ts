import type { Envelope } from "@gyre/events";
import { events } from "@gyre/functions/events/service";
import { platform as platformService } from "@gyre/functions/platform/service";
import { registry } from "@gyre/functions/registry/service";
import { withConsole } from "@gyre/local/http/console";
import { listen } from "@gyre/local/http/serve";
import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import type { Page } from "playwright-core";
import { buildConsole, distDir } from "../web/scripts/console-bundle";
import { launchChromium } from "../web/test/browser";
import { benchVersion, seedVersions } from "./model-versions";
import { percentile } from "./stats";

const VERSIONS = 10_000;
const EVENTS = 50_000;
const LOADS = 7;
const MODEL = "churn";

const version = (n: number) =>
  benchVersion(MODEL, n, { hyperparameters: { lr: 0.01 + (n % 7) / 100, depth: 6 } });

function event(n: number): Envelope {
  return {
    version: "0",
    id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    "detail-type": n % 2 ? "Model Version Registered" : "Training Run Succeeded",
    source: n % 2 ? "gyre.registry" : "gyre.training",
    account: "000000000000",
    time: new Date(Date.UTC(2026, 0, 1) + n * 100).toISOString(),
    region: "us-east-1",
    resources: [],
    detail: {
      model: MODEL,
      version: n,
      metadata: { actor: "bench", correlationId: `cor_${n}`, causationId: null },
    },
  };
}

async function seed(t: TestPlatform) {
  await seedVersions(t, MODEL, VERSIONS, version);
  const start = Date.UTC(2026, 0, 1);
  for (let n = 0; n < EVENTS; n += 250) {
    await Promise.all(
      Array.from({ length: 250 }, (_, i) =>
        t.archive.append({ event: event(n + i), receivedAt: start + (n + i) * 100 }),
      ),
    );
  }
}

/** Milliseconds from navigation start until `selector` is on screen, read from the page's own clock. */
async function timeTo(page: Page, url: string, selector: string): Promise<number> {
  await page.goto(url, { waitUntil: "commit" });
  await page.locator(selector).first().waitFor({ timeout: 30_000 });
  return Number(await page.evaluate("performance.now()"));
}

const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return `median ${percentile(sorted, 50).toFixed(0)} ms, worst ${(sorted.at(-1) ?? 0).toFixed(0)} ms`;
};

/** The console's bundle size, and how fast it paints with 10,000 versions and 50,000 events behind it. */
export async function benchConsole(): Promise<void> {
  const size = await buildConsole();
  console.log(
    `console: bundle ${(size.rawBytes / 1024).toFixed(1)} kB, ${(size.gzipBytes / 1024).toFixed(1)} kB gzipped (index.html, JS and CSS)`,
  );
  const t = await startTestPlatform({ services: [platformService, events, registry] });
  const server = await listen(withConsole(t.app.fetch, distDir), "127.0.0.1", 0);
  const browser = await launchChromium();
  try {
    await seed(t);
    const url = `http://127.0.0.1:${server.port}`;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const token = t.as.approver.authorization.replace(/^Bearer /, "");
    await context.addInitScript(`sessionStorage.setItem("gyre.token", ${JSON.stringify(token)})`);
    const page = await context.newPage();
    const where = `${VERSIONS.toLocaleString("en-US")} versions (${Math.ceil((VERSIONS * 2) / 3).toLocaleString("en-US")} pending) and ${EVENTS.toLocaleString("en-US")} archived events, headless chromium on 127.0.0.1, ${LOADS} loads`;
    const paints: number[] = [];
    const overview: number[] = [];
    const approvals: number[] = [];
    const events_: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      overview.push(await timeTo(page, `${url}/`, ".card .big"));
      paints.push(
        Number(
          await page.evaluate(
            "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN",
          ),
        ),
      );
      approvals.push(await timeTo(page, `${url}/approvals`, "article.review table"));
      events_.push(await timeTo(page, `${url}/events`, "table.events tbody tr"));
    }
    console.log(`console: first contentful paint: ${summary(paints)} (${where})`);
    console.log(`console: overview with the queue count: ${summary(overview)} (${where})`);
    console.log(
      `console: approvals page, queue and the first version's review: ${summary(approvals)} (${where})`,
    );
    console.log(`console: events page, first 50 of the archive: ${summary(events_)} (${where})`);
  } finally {
    await browser.close();
    await server.close();
    await t.close();
  }
}
