import type { Platform } from "@gyre/core/platform/platform";
import type { ModelVersion } from "@gyre/core/registry/index";
import { registryStore } from "@gyre/core/registry/store";

/** Version `n` of a bench model: every third Approved, the rest awaiting approval. */
export function benchVersion(
  model: string,
  n: number,
  changes: Partial<ModelVersion> = {},
): ModelVersion {
  const at = new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
  return {
    model,
    version: n,
    status: n % 3 === 0 ? "Approved" : "PendingManualApproval",
    artifactUri: `s3://gyre-data/runs/run_${n}/model/`,
    metrics: { auc: 0.8 + (n % 100) / 1000, accuracy: 0.75 },
    dataset: { name: model, version: n, sha256: n.toString(16).padStart(64, "0") },
    runId: `run_${n}`,
    driftReportId: null,
    pipeline: model,
    image: "trainer:1",
    command: ["python", "train.py"],
    serve: null,
    hyperparameters: { lr: 0.01, depth: 6 },
    description: null,
    gates: [{ gate: "auc >= 0.8", passed: true, actual: 0.85 }],
    approvals: [],
    reason: null,
    registeredBy: "bench",
    correlationId: null,
    createdAt: at,
    updatedAt: at,
    revision: 0,
    ...changes,
  };
}

/** `count` versions of `model` put straight into the registry's table, 100 at a time, with v9999 the champion. */
export async function seedVersions(
  platform: Pick<Platform, "state">,
  model: string,
  count: number,
  version: (n: number) => ModelVersion = (n) => benchVersion(model, n),
): Promise<void> {
  const store = registryStore(platform.state);
  for (let n = 1; n <= count; n += 100) {
    await Promise.all(Array.from({ length: 100 }, (_, i) => store.insertVersion(version(n + i))));
  }
  await store.touchModel(model, count, new Date().toISOString());
  await store.putAlias(
    { model, alias: "champion", version: 9999, updatedAt: "", updatedBy: "bench" },
    null,
  );
}
