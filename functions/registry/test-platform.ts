import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Training as TrainingEvents } from "@gyre/events";
import { repoRoot } from "@gyre/local/paths";
import { startTestPlatform, type TestPlatform } from "@gyre/local/testing";
import { startLocalTraining } from "@gyre/local/training";
import { registrySubscriptions } from "../../stacks/registry";
import { trainingSubscriptions } from "../../stacks/training-wiring";
import { trainingApi } from "../training/api";
import { registryApi } from "./api";

export interface RegistryTest {
  platform: TestPlatform;
  app: ReturnType<typeof registryApi>;
  /** The training API, when started with `training: true`. */
  training?: ReturnType<typeof trainingApi>;
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
    subscriptions: [...registrySubscriptions, ...(options.training ? trainingSubscriptions : [])],
  });
  const closers: (() => Promise<void>)[] = [];
  if (options.training) {
    const home = await mkdtemp(join(tmpdir(), "gyre-batch-"));
    const config = { home, account: "000000000000", region: "us-east-1" };
    const training = await startLocalTraining(config, repoRoot, { fresh: false, log: () => {} });
    closers.push(
      () => training.close(),
      () => rm(home, { recursive: true, force: true }),
    );
  }
  const app = registryApi({ tokens: platform.tokens });
  return {
    platform,
    app,
    training: options.training ? trainingApi({ tokens: platform.tokens }) : undefined,
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
    async close() {
      for (const close of closers) await close();
      await platform.close();
    },
  };
}
