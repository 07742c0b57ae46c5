import { readFileSync } from "node:fs";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import type { TestPlatform } from "@gyre/local/testing/index";
import type { Operation } from "./operations";

/** Names the seeded platform holds, so a fuzzed request reaches a real resource's checks. */
export const seeded = { dataset: "fuzzdata", pipeline: "churn", model: "churn", endpoint: "churn" };

/** A dataset version, a pipeline (triggered by data that never comes), an endpoint and a pending model version. */
export async function seedState(t: TestPlatform): Promise<void> {
  const call = async (method: string, path: string, body: unknown) => {
    const res = await t.app.request(path, {
      method,
      headers: { ...t.as.admin, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${await res.text()}`);
  };
  await t.objects.s3.send(
    new PutObjectCommand({
      Bucket: t.bucket,
      Key: `datasets/${seeded.dataset}/v1.csv`,
      Body: "id,age,plan\n1,30,pro\n2,41,basic\n",
    }),
  );
  const pipeline = JSON.parse(readFileSync("examples/churn/pipeline.json", "utf8"));
  await call("POST", "/pipelines", { ...pipeline, dataset: "never-arrives" });
  await call("POST", "/endpoints", { name: seeded.endpoint, model: seeded.model });
  await call("POST", `/models/${seeded.model}/versions`, {
    artifactUri: "s3://gyre-data/runs/run_seed/model/",
    metrics: { auc: 0.9 },
    runId: "run_seed",
    serve: pipeline.serve,
  });
  await t.bus.drain();
}

/** A path parameter's value when it is not the one broken: what `seedState` made, or a plausible id. */
export function goodValue(op: Operation, parameter: string): string {
  const resource = op.path.split("/")[1];
  if (["version", "a", "b"].includes(parameter)) return "1";
  if (parameter === "alias") return "champion";
  if (parameter === "name") {
    if (resource === "datasets") return seeded.dataset;
    if (resource === "pipelines") return seeded.pipeline;
    if (resource === "endpoints") return seeded.endpoint;
    return seeded.model;
  }
  const prefixes: Record<string, string> = { runs: "run", deployments: "dep", reports: "rep" };
  return `${prefixes[resource ?? ""] ?? "mon"}_01JZZZZZZZZZZZZZZZZZZZZZZZ`;
}
