import { Training as TrainingEvents } from "@gyre/events";
import { registry } from "@gyre/functions/registry/service";
import { training } from "@gyre/functions/training/service";
import { startTestPlatform, type TestPlatform } from "./index";

export interface RegistryTest {
  platform: TestPlatform;
  app: TestPlatform["app"];
  /** The same app, when started with `training: true` (it serves the training API too). */
  training?: TestPlatform["app"];
  call(
    method: string,
    path: string,
    role?: Role,
    body?: unknown,
  ): Promise<{ status: number; body: Json }>;
  /** Publishes Training Run Succeeded as the training service would, and waits for delivery. */
  runSucceeded(fields: Partial<RunDetail> & { model: string; runId: string }): Promise<void>;
  close(): Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
type Json = any;
type Role = keyof TestPlatform["as"];
type RunDetail = Parameters<typeof TrainingEvents.TrainingRunSucceeded.publish>[1];

/** The registry on the real local parts; with `training`, the training service and local Batch too. */
export async function startRegistryTest(
  options: { training?: boolean } = {},
): Promise<RegistryTest> {
  const platform = await startTestPlatform({
    s3: options.training,
    services: options.training ? [registry, training] : [registry],
  });
  const { app } = platform;
  return {
    platform,
    app,
    training: options.training ? app : undefined,
    async call(method, path, role = "admin", body = undefined) {
      const res = await app.request(path, {
        method,
        headers: { ...platform.as[role], "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
    async runSucceeded(fields) {
      await TrainingEvents.TrainingRunSucceeded.publish(platform.bus, {
        pipeline: fields.model,
        dataset: { name: fields.model, version: 1, sha256: "a".repeat(64) },
        metrics: { auc: 0.87 },
        artifactUri: `s3://gyre-data/runs/${fields.runId}/model/`,
        hyperparameters: { lr: 0.1 },
        image: "trainer:1",
        command: ["python", "train.py"],
        durationSeconds: 1,
        costUsd: 0,
        metadata: { actor: "test", correlationId: `cor_${fields.runId}`, causationId: null },
        ...fields,
      });
      await platform.bus.drain();
    },
    close: () => platform.close(),
  };
}
