import { Logger } from "@aws-lambda-powertools/logger";
import { actAs, causeOf } from "@gyre/core/platform/actor";
import * as Training from "@gyre/core/training/index";
import { Monitoring } from "@gyre/events";
import { trainingDeps } from "./deps";

const logger = new Logger({ serviceName: "training" });

/** Drift Detected: pipelines producing that model with onDrift retrain on their newest data. */
export async function handler(event: unknown): Promise<void> {
  const envelope = Monitoring.DriftDetected.envelope.parse(event);
  const runs = await actAs(causeOf(envelope), async () =>
    Training.onDrift(envelope.detail.model, await trainingDeps()),
  );
  logger.info("drift", { model: envelope.detail.model, runs: runs.map((r) => r.id) });
}
