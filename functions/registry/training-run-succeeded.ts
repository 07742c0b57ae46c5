import * as Registry from "@gyre/core/registry/index";
import { Training } from "@gyre/events";
import { subscriber } from "../shared/subscriber";

/** Training Run Succeeded: the run's model gets its next version (once, however often the event comes). */
export const { make, lambda } = subscriber(
  "registry",
  Training.TrainingRunSucceeded,
  async ({ detail }, platform, log) => {
    const { created, version } = await Registry.registerFromRun(detail, platform);
    log.info("model version", {
      model: version.model,
      version: version.version,
      status: version.status,
      runId: version.runId,
      created,
    });
  },
);
