import { Logger } from "@aws-lambda-powertools/logger";
import { actAs } from "@gyre/core/platform/actor";
import { newId } from "@gyre/core/platform/ids";
import * as Training from "@gyre/core/training/index";
import { z } from "zod";
import { trainingDeps } from "./deps";

const logger = new Logger({ serviceName: "training" });

const Fired = z.object({ pipeline: z.string().min(1), scheduledTime: z.iso.datetime() });

/** A pipeline's schedule fired (`{pipeline, scheduledTime}`): one run per fire time. */
export async function handler(input: unknown): Promise<void> {
  const { pipeline, scheduledTime } = Fired.parse(input);
  const cause = { actor: "schedule", correlationId: newId("cor"), causationId: null };
  const outcome = await actAs(cause, async () =>
    Training.startScheduledRun(pipeline, new Date(scheduledTime), await trainingDeps()),
  );
  if ("started" in outcome) {
    logger.info("scheduled run", { pipeline, scheduledTime, run: outcome.started.id });
  } else {
    logger.info("scheduled run skipped", { pipeline, scheduledTime, reason: outcome.skipped });
  }
}
