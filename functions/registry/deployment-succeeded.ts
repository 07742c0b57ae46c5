import * as Registry from "@gyre/core/registry/index";
import { Deployment } from "@gyre/events";
import { subscriber } from "../shared/subscriber";

/** Deployment Succeeded: the endpoint's promoted alias moves to the version that serves. */
export const { make, lambda } = subscriber(
  "registry",
  Deployment.DeploymentSucceeded,
  async ({ detail, time }, platform, log) => {
    const alias = await Registry.onDeploymentSucceeded(detail, time, platform);
    log.info("deployed", { model: detail.model, version: detail.version, alias: alias?.alias });
  },
);
