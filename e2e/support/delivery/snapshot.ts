import type { TestPlatform } from "@gyre/local/testing/index";
import { call } from "./loop";

// biome-ignore lint/suspicious/noExplicitAny: snapshots hold whatever JSON the API answers
type Json = any;

/** Every page of a list. */
async function all(t: TestPlatform, path: string): Promise<Json[]> {
  const items: Json[] = [];
  for (let next: string | null = null; ; ) {
    const glue = path.includes("?") ? "&" : "?";
    const cursor = next ? `&next=${encodeURIComponent(next)}` : "";
    const page = await call(t, "GET", `${path}${glue}limit=100${cursor}`);
    items.push(...page.items);
    next = page.next;
    if (!next) return items;
  }
}

/** What a user can read back of the loop, every list whole, through the API. */
export async function readState(t: TestPlatform): Promise<Record<string, Json>> {
  const monitors = await all(t, "/monitors");
  const reports = await Promise.all(monitors.map((m) => all(t, `/monitors/${m.id}/reports`)));
  const models = await all(t, "/models");
  return {
    datasets: await all(t, "/datasets"),
    datasetVersions: await all(t, "/datasets/churn/versions"),
    pipelines: await all(t, "/pipelines"),
    runs: await all(t, "/runs?pipeline=churn"),
    models,
    model: await Promise.all(models.map((m) => call(t, "GET", `/models/${m.name}`))),
    modelVersions: await all(t, "/models/churn/versions"),
    audit: await all(t, "/models/churn/history"),
    endpoints: await all(t, "/endpoints"),
    deployments: await all(t, "/deployments?endpoint=churn"),
    monitors,
    reports: reports.flat(),
    deadLetters: await all(t, "/events/dead-letters"),
  };
}
