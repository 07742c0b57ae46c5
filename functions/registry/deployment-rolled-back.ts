import * as Registry from "@gyre/core/registry/index";
import { Deployment } from "@gyre/events";
import { subscriber } from "../shared/subscriber";

/** Deployment Rolled Back: the alias goes back, and the failed version's history says why. */
export const { make, lambda } = subscriber(
  "registry",
  Deployment.DeploymentRolledBack,
  async ({ detail, time }, platform, log) => {
    const alias = await Registry.onDeploymentRolledBack(detail, time, platform);
    log.info("rolled back", {
      model: detail.model,
      version: detail.version,
      restored: detail.restoredVersion,
      alias: alias?.alias,
    });
  },
);
