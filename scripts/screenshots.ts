// Screenshots of the console for the README, from a real local run (the runtime `npm start`
// starts, on a throwaway GYRE_HOME and free ports): the churn example is pushed, trained,
// approved, deployed, sent calm and then drifted traffic, and retrained. Then headless
// chromium opens the overview, approvals, lineage and monitoring pages.
//   npx tsx scripts/screenshots.ts      (about two minutes; writes docs/screenshots/*.png)
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { createToken } from "@gyre/core/platform/auth/index";
import { localConfig } from "@gyre/local/config";
import { repoRoot } from "@gyre/local/paths";
import { startPlatform } from "@gyre/local/platform";
import { churnCsv } from "../examples/churn/generate";
import { buildConsole } from "../web/scripts/console-bundle";
import { launchChromium } from "../web/test/browser";

// biome-ignore lint/suspicious/noExplicitAny: the script reads whatever JSON the API answers
type Json = any;

const out = join(repoRoot, "docs", "screenshots");
const home = await mkdtemp(join(tmpdir(), "gyre-screenshots-"));
process.env.GYRE_SEED_EXAMPLES = "0";
process.env.POWERTOOLS_LOG_LEVEL ??= "SILENT";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
await buildConsole();
const gyre = await startPlatform({ ...localConfig({}), home, port: 0, s3Port: 0 }, repoRoot);
const api = `http://127.0.0.1:${gyre.api.port}`;
const { token } = await createToken(gyre.platform.tokens, { role: "admin", name: "ada" });
const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };

async function call(method: string, path: string, body?: unknown): Promise<Json> {
  const res = await fetch(api + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (res.status >= 300)
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 120_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(value).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function traffic(csv: string) {
  const [header, ...rows] = csv.trimEnd().split("\n");
  for (let i = 0; i < rows.length; i += 100) {
    const res = await fetch(`${api}/endpoints/churn/invocations`, {
      method: "POST",
      headers: { authorization: headers.authorization, "content-type": "text/csv" },
      body: `${header}\n${rows.slice(i, i + 100).join("\n")}\n`,
    });
    await res.arrayBuffer();
  }
}

try {
  const pipeline = (await import("../examples/churn/pipeline.json", { with: { type: "json" } }))
    .default;
  await call("POST", "/pipelines", {
    ...pipeline,
    trigger: { ...pipeline.trigger, debounceSeconds: 0 },
  });
  await call("PUT", "/models/churn/policy", {
    gates: [{ metric: "auc", op: ">=", threshold: 0.7 }],
    mustBeatChampion: { metric: "auc", minDelta: 0 },
    requiredApprovals: 1,
  }).catch(() => call("GET", "/health"));
  await call("POST", "/endpoints", {
    name: "churn",
    model: "churn",
    rollout: { type: "ALL_AT_ONCE", waitIntervalInSeconds: 0 },
  });
  await gyre.platform.objects.s3.send(
    new PutObjectCommand({
      Bucket: gyre.platform.bucket,
      Key: "datasets/churn/churn.csv",
      Body: churnCsv({ rows: 3000, seed: 1 }),
    }),
  );
  console.log("screenshots: training churn v1 ...");
  await until(
    () => call("GET", "/models/churn/versions"),
    (v) => v.items.length === 1,
  );
  await call("POST", "/models/churn/versions/1/approve", {
    comment: "first model: auc above the gate",
  });
  const monitor = (
    await until(
      () => call("GET", "/monitors"),
      (m) => m.items[0]?.version === 1,
    )
  ).items[0];
  await call("PUT", `/monitors/${monitor.id}`, { maxSamples: 500 });
  console.log("screenshots: calm, then drifted traffic ...");
  await traffic(churnCsv({ rows: 600, seed: 2 }));
  await until(
    () => call("GET", `/monitors/${monitor.id}/reports`),
    (r) => r.items.length === 1,
  );
  await traffic(churnCsv({ rows: 600, seed: 3, drift: 0.3 }));
  await until(
    () => call("GET", `/monitors/${monitor.id}/reports`),
    (r) => r.items.length === 2,
  );
  await traffic(churnCsv({ rows: 600, seed: 4, drift: 0.6 }));
  await until(
    () => call("GET", `/monitors/${monitor.id}/reports`),
    (r) => r.items.length === 3,
  );
  console.log("screenshots: retraining on drift ...");
  await until(
    () => call("GET", "/models/churn/versions"),
    (v) => v.items.length === 2,
  );

  await call("POST", "/models/churn/versions/2/comments", {
    text: "Retrained on drift, same data version: metrics match v1. Is the new traffic in a dataset yet?",
  });
  const browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
  });
  await context.addInitScript(`sessionStorage.setItem("gyre.token", ${JSON.stringify(token)})`);
  const page = await context.newPage();
  await mkdir(out, { recursive: true });
  const shots: [string, string, string][] = [
    ["overview", "/", ".card .big"],
    ["approvals", "/approvals/churn/2", "article.review table"],
    ["lineage", "/models/churn/versions/1", ".lineage .node.deployment, .lineage .node.report"],
    ["monitoring", `/monitoring/${monitor.id}`, ".chart canvas"],
  ];
  for (const [name, path, ready] of shots) {
    await page.goto(api + path);
    await page.locator(ready).first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
    console.log(`screenshots: wrote docs/screenshots/${name}.png`);
  }
  await browser.close();
} finally {
  await gyre.stop();
  await rm(home, { recursive: true, force: true });
}
