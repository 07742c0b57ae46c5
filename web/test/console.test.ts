import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureFile, put } from "../../e2e/support/capture-files";
import { churnCsv } from "../../examples/churn/generate";
import { launchChromium } from "./browser";
import { type ConsolePlatform, serve, startConsolePlatform } from "./console-platform";

let gyre: ConsolePlatform;
let browser: Browser;
let monitorId: string;
let reportId: string;

beforeAll(async () => {
  [gyre, browser] = await Promise.all([startConsolePlatform(), launchChromium()]);
  await seedDatasets();
  await seedChurn();
  await seedMonitoring();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await gyre?.close();
});

/** Champion v1 serving on endpoint churn, then v2 (better auc) and v3 waiting for approval. */
async function seedChurn() {
  const ok = (r: { status: number; body: unknown }, status: number) =>
    expect(r.status, JSON.stringify(r.body)).toBe(status);
  ok(
    await gyre.call("POST", "/endpoints", "approver", {
      name: "churn",
      model: "churn",
      rollout: { type: "ALL_AT_ONCE", waitIntervalInSeconds: 0 },
    }),
    201,
  );
  const register = (runId: string, auc: number, lr: number) =>
    gyre.call("POST", "/models/churn/versions", "pipeline", {
      artifactUri: `s3://gyre-data/runs/${runId}/model/`,
      metrics: { auc },
      runId,
      hyperparameters: { lr },
      dataset: { name: "churn", version: 1, sha256: "a".repeat(64) },
      serve,
    });
  ok(await register("run_v1", 0.82, 0.1), 201);
  ok(
    await gyre.call("POST", "/models/churn/versions/1/approve", "approver", { comment: "first" }),
    200,
  );
  await until(
    async () => (await gyre.call("GET", "/models/churn/aliases/champion", "viewer")).status === 200,
  );
  ok(
    await gyre.call("PUT", "/models/churn/policy", "approver", {
      gates: [{ metric: "auc", op: ">=", threshold: 0.8 }],
      mustBeatChampion: { metric: "auc", minDelta: 0.01 },
      requiredApprovals: 1,
    }),
    200,
  );
  ok(await register("run_v2", 0.87, 0.05), 201);
  ok(await register("run_v3", 0.86, 0.2), 201);
}

/** Churn v1 (the baseline of the monitor that deploying churn makes) and v2, drifted. */
async function seedDatasets() {
  const versions = async (n: number) =>
    (await gyre.call("GET", "/datasets/churn/versions", "viewer")).body?.items?.length === n;
  await put(gyre.t, "datasets/churn/churn.csv", churnCsv({ rows: 2000, seed: 1 }));
  await until(() => versions(1));
  await put(gyre.t, "datasets/churn/churn-2.csv", churnCsv({ rows: 1000, seed: 9, drift: 0.6 }));
  await until(() => versions(2));
}

/** Two judged windows of captured traffic on endpoint churn: one like training, one drifted. */
async function seedMonitoring() {
  const churnMonitor = async () =>
    (await gyre.call("GET", "/monitors", "viewer")).body?.items?.find(
      (m: { endpoint: string }) => m.endpoint === "churn",
    );
  await until(async () => Boolean(await churnMonitor()));
  monitorId = (await churnMonitor()).id;
  const settings = { maxSamples: 300, minSamples: 200 };
  const saved = await gyre.call("PUT", `/monitors/${monitorId}`, "approver", settings);
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const reports = async (n: number) =>
    (await gyre.call("GET", `/monitors/${monitorId}/reports`, "viewer")).body?.items?.length === n;
  await captureFile(gyre.t, churnCsv({ rows: 300, seed: 2 }));
  await until(() => reports(1));
  await captureFile(gyre.t, churnCsv({ rows: 300, seed: 3, drift: 0.6 }));
  await until(() => reports(2));
  reportId = (await gyre.call("GET", `/monitors/${monitorId}/reports`, "viewer")).body.items[0].id;
}

async function until(done: () => Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await gyre.t.bus.drain();
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function signedIn(role: "viewer" | "approver" | "admin", width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.addInitScript(
    `sessionStorage.setItem("gyre.token", ${JSON.stringify(gyre.token(role))})`,
  );
  return context.newPage();
}

describe("the console in a browser", () => {
  it("signs in with a pasted token and shows the approver's name and role; sign-out forgets it", async () => {
    const page = await browser.newPage();
    await page.goto(`${gyre.url}/approvals`);
    await page.getByLabel("Token").fill("not-a-token");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("not known");
    await page.getByLabel("Token").fill(gyre.token("approver"));
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Approvals", level: 1 }).waitFor();
    expect(await page.locator(".who").textContent()).toContain("approver (approver)");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Token").waitFor();
    expect(await page.evaluate(`sessionStorage.getItem("gyre.token")`)).toBeNull();
    await page.context().close();
  });

  it("shows the pending churn version's gates and deltas, approves it by keyboard, and it rolls out", async () => {
    const page = await signedIn("approver");
    await page.goto(`${gyre.url}/approvals`);
    const review = page.locator("article.review");
    await review.getByRole("heading", { name: /churn v3/ }).waitFor();
    await page.keyboard.press("j"); // the queue is newest first: v2 is next
    await review.getByRole("heading", { name: /churn v2/ }).waitFor();
    expect(page.url()).toBe(`${gyre.url}/approvals/churn/2`);
    const gates = review.getByRole("table", { name: /Gates/ });
    expect(await gates.textContent()).toMatch(/auc >= 0\.8.*passed.*0\.87/);
    expect(await gates.textContent()).toMatch(/beats champion v1 on auc by 0\.01.*passed/);
    const deltas = await review
      .getByRole("table", { name: /against the champion \(v1\)/ })
      .textContent();
    expect(deltas).toMatch(/auc.*0\.82.*0\.87.*\+0\.05/);
    expect(
      await review.getByRole("table", { name: "Hyperparameters that differ" }).textContent(),
    ).toMatch(/lr.*0\.1.*0\.05/);
    expect(await review.textContent()).toContain("0 of 1 required");

    await page.keyboard.press("c");
    await page.keyboard.type("better auc, same data");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Tab"); // out of the text box: shortcuts apply again
    await page.locator("body").press("a");
    await page.getByRole("status").filter({ hasText: "Approved churn v2." }).waitFor();

    await page.goto(`${gyre.url}/models/churn`);
    await page
      .getByRole("listitem")
      .filter({ hasText: /approver approved v2.*better auc, same data/ })
      .waitFor();
    await page.goto(`${gyre.url}/endpoints/churn`);
    await page
      .locator("article.review")
      .getByText(/Serves v2 since/)
      .waitFor({ timeout: 30_000 });
    await page.context().close();
  }, 60_000);

  it.each([
    ["stream", "v4", false],
    ["polling", "v5", true],
  ] as const)(
    "shows a version registered meanwhile without a reload (%s), keeping what the user typed",
    async (mode, v, noStream) => {
      const page = await signedIn("approver");
      if (noStream) {
        await page.route("**/events/stream*", (route) =>
          route.fulfill({
            status: 501,
            json: { error: { code: "events.stream_unavailable", message: "cannot stream here" } },
          }),
        );
      }
      await page.goto(`${gyre.url}/approvals/churn/3`);
      await page
        .locator("article.review")
        .getByRole("heading", { name: /churn v3/ })
        .waitFor();
      await page.getByLabel("Comment (required to reject)").fill("half-written thought");
      await page.getByText(`Live (${mode})`).waitFor();
      const registered = await gyre.call("POST", "/models/churn/versions", "pipeline", {
        artifactUri: `s3://gyre-data/runs/run_${v}/model/`,
        metrics: { auc: 0.9 },
        runId: `run_${v}`,
        serve,
      });
      expect(registered.status).toBe(201);
      await page
        .getByRole("navigation", { name: "Approval queue" })
        .getByText(`churn ${v}`)
        .waitFor();
      expect(await page.getByLabel("Comment (required to reject)").inputValue()).toBe(
        "half-written thought",
      );
      expect(page.url()).toBe(`${gyre.url}/approvals/churn/3`);
      await page.context().close();
    },
  );

  it("keeps a discussion per version, with the signed-in name", async () => {
    const page = await signedIn("approver");
    await page.goto(`${gyre.url}/approvals/churn/3`);
    await page.getByLabel("Add a comment").fill("why is lr 0.2 here?");
    await page.getByRole("button", { name: "Post comment" }).click();
    await page
      .locator(".thread li")
      .filter({ hasText: /approver.*why is lr 0\.2 here\?/ })
      .waitFor();
    await page.context().close();
    const viewer = await signedIn("viewer");
    await viewer.goto(`${gyre.url}/approvals/churn/3`);
    await viewer.locator(".thread li").filter({ hasText: "why is lr 0.2 here?" }).waitFor();
    expect(await viewer.getByLabel("Add a comment").count()).toBe(0);
    await viewer.context().close();
  });

  it("shows a viewer the queue with no approve button", async () => {
    const page = await signedIn("viewer");
    await page.goto(`${gyre.url}/approvals/churn/3`);
    await page
      .locator("article.review")
      .getByRole("heading", { name: /churn v3/ })
      .waitFor();
    expect(await page.getByRole("button", { name: /Approve/ }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /Reject/ }).count()).toBe(0);
    await page.context().close();
  });

  it("shows the API's own error for a reject without a comment, and changes nothing", async () => {
    const page = await signedIn("approver");
    await page.goto(`${gyre.url}/approvals/churn/3`);
    await page.getByRole("button", { name: /Reject/ }).click();
    const alert = page.locator("#decision-error");
    const refused = await gyre.call("POST", "/models/churn/versions/3/reject", "approver", {
      comment: "",
    });
    expect(refused.status).toBe(400);
    await expect.poll(() => alert.textContent()).toContain(refused.body.error.code);
    expect(await alert.textContent()).toContain(refused.body.error.message);
    const v3 = await gyre.call("GET", "/models/churn/versions/3", "viewer");
    expect(v3.body.status).toBe("PendingManualApproval");
    await page.context().close();
  });

  it("reloads a deep link on its own page", async () => {
    const page = await signedIn("viewer");
    await page.goto(`${gyre.url}/models/churn/versions/2`);
    await page.getByRole("heading", { name: "Lineage" }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "churn v2", level: 1 }).waitFor();
    expect(await page.locator(".lineage").textContent()).toMatch(/churn v1.*run_v2.*churn v2/);
    await page.context().close();
  });

  it("draws a feature's drift per window with its threshold, and says so in words", async () => {
    const page = await signedIn("viewer");
    const path = `/monitors/${monitorId}/features/monthly_charges`;
    const feature = await gyre.call("GET", path, "viewer");
    expect(feature.status, JSON.stringify(feature.body)).toBe(200);
    const latest = feature.body.points.at(-1);
    expect(latest.threshold).toBeGreaterThan(0);
    await page.goto(`${gyre.url}/monitoring/${monitorId}/features/monthly_charges`);
    await page.getByText("Solid: statistic, dashed: threshold").waitFor();
    const threshold = Number(latest.threshold.toPrecision(4)).toString();
    const rows = page.getByRole("table", { name: "Windows, oldest first" }).getByRole("row");
    expect(await rows.last().textContent()).toContain(threshold);
    const chart = page.locator("main .chart[role=img]");
    expect(await chart.getAttribute("aria-label")).toContain(`against ${threshold}`);
    await page.context().close();
  });

  const pages = [
    "/",
    "/approvals/churn/3",
    "/models",
    "/models/churn",
    "/models/churn/versions/2",
    "/models/churn/compare/1/2",
    "/endpoints/churn",
    "/monitoring",
    "/events",
    "/runs",
    "/datasets",
    "/datasets/churn",
    "/datasets/churn/compare/1/2",
  ];

  it("draws a numeric column's bins from the API as bars, with each range and count in words", async () => {
    const version = await gyre.call("GET", "/datasets/churn/versions/2", "viewer");
    const column = version.body.profile.columns.find(
      (c: { name: string }) => c.name === "monthly_charges",
    );
    const page = await signedIn("viewer");
    await page.goto(`${gyre.url}/datasets/churn`);
    const table = page
      .getByRole("region", { name: "Column monthly_charges" })
      .getByRole("table", { name: /Distribution \(20 equal-width bins\)/ });
    await table.waitFor();
    const counts = await table.locator("tbody td").allTextContents();
    expect(counts.map(Number)).toEqual(column.histogram.map((b: { count: number }) => b.count));
    expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(column.count);
    await page.context().close();
  });

  it("compares two dataset versions in a table: per column its type and the API's drift figures", async () => {
    const compared = await gyre.call("GET", "/datasets/churn/versions/1/compare/2", "viewer");
    const charges = compared.body.comparison.columns.find(
      (c: { name: string }) => c.name === "monthly_charges",
    );
    const page = await signedIn("viewer");
    await page.goto(`${gyre.url}/datasets/churn/compare/1/2`);
    const table = page.getByRole("table", { name: "Columns in both, v1 → v2" });
    const row = table.getByRole("row").filter({
      has: page.getByRole("rowheader", { name: "monthly_charges", exact: true }),
    });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain("number");
    expect(text).toContain(charges.drift.level);
    expect(text).toContain(Number(charges.drift.psi.toPrecision(4)).toString());
    expect(await table.getByRole("row").count()).toBe(compared.body.comparison.columns.length + 1);
    await page.context().close();
  });

  const monitoringPages = () => [
    `/monitoring/${monitorId}`,
    `/monitoring/${monitorId}/features/monthly_charges`,
    `/monitoring/reports/${reportId}`,
  ];

  const widest = (page: Page) =>
    page.evaluate(`[...document.querySelectorAll("main *")]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth)
      .slice(-3).map((e) => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right)).join(", ")`) as Promise<string>;

  const serious = (
    violations: { id: string; impact?: string | null; nodes: { target: unknown[] }[] }[],
  ) =>
    violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);

  it("has no serious or critical axe violations on any page, and none scrolls sideways at 390 px", async () => {
    const page = await signedIn("admin");
    const found: string[] = [];
    const open = async (path: string) => {
      await page.goto(`${gyre.url}${path}`);
      await page.locator("main h1").first().waitFor();
      await page.waitForFunction(`!document.querySelector(".loading")`);
    };
    const axe = () =>
      new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
        .analyze();
    for (const path of [...pages, ...monitoringPages()]) {
      await open(path);
      found.push(...serious((await axe()).violations).map((v) => `1280px ${path}: ${v}`));
    }
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of pages) {
      await open(path);
      const overflow = Number(
        await page.evaluate("document.documentElement.scrollWidth - window.innerWidth"),
      );
      if (overflow > 0)
        found.push(
          `390px ${path}: the page scrolls sideways by ${overflow} px`,
          await widest(page),
        );
      if (path.startsWith("/approvals"))
        found.push(...serious((await axe()).violations).map((v) => `390px ${path}: ${v}`));
    }
    const signIn = await (await browser.newContext()).newPage();
    await signIn.goto(gyre.url);
    await signIn.getByLabel("Token").waitFor();
    found.push(
      ...serious((await new AxeBuilder({ page: signIn }).analyze()).violations).map(
        (v) => `sign-in: ${v}`,
      ),
    );
    expect(found).toEqual([]);
    await page.context().close();
    await signIn.context().close();
  }, 60_000);
});
