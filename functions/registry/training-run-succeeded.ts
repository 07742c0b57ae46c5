import { Logger } from "@aws-lambda-powertools/logger";
import { actAs, causeOf } from "@gyre/core/platform/actor";
import * as Registry from "@gyre/core/registry/index";
import { Training } from "@gyre/events";
import { registryDeps } from "./deps";

const logger = new Logger({ serviceName: "registry" });

/** Training Run Succeeded: the run's model gets its next version (once, however often the event comes). */
export async function handler(event: unknown): Promise<void> {
  const envelope = Training.TrainingRunSucceeded.envelope.parse(event);
  const { created, version } = await actAs(causeOf(envelope), () =>
    Registry.registerFromRun(envelope.detail, registryDeps()),
  );
  logger.info("model version", {
    model: version.model,
    version: version.version,
    status: version.status,
    runId: version.runId,
    created,
  });
}
