import { Logger } from "@aws-lambda-powertools/logger";
import { actAs } from "@gyre/core/platform/actor";
import { newId } from "@gyre/core/platform/ids";
import * as Training from "@gyre/core/training/index";
import * as z from "zod";
import { type Make, onAws } from "../shared/handler";

const logger = new Logger({ serviceName: "training" });

const Fired = z.object({ pipeline: z.string().min(1), scheduledTime: z.iso.datetime() });

/** A pipeline's schedule fired (`{pipeline, scheduledTime}`): one run per fire time. */
export const make: Make<(input: unknown) => Promise<void>> = (platform) => async (input) => {
  const { pipeline, scheduledTime } = Fired.parse(input);
  const cause = { actor: "schedule", correlationId: newId("cor"), causationId: null };
  const log = logger.createChild({ persistentKeys: { correlationId: cause.correlationId } });
  const outcome = await actAs(cause, () =>
    Training.startScheduledRun(pipeline, new Date(scheduledTime), platform),
  );
  if ("started" in outcome) {
    log.info("scheduled run", { pipeline, scheduledTime, run: outcome.started.id });
  } else {
    log.info("scheduled run skipped", { pipeline, scheduledTime, reason: outcome.skipped });
  }
};

export const lambda = onAws(make);
