import * as Monitoring from "@gyre/core/monitoring/index";
import { Deployment } from "@gyre/events";
import { subscriber } from "../shared/subscriber";

/** Deployment Succeeded: the endpoint's monitor watches the deployed version against its training data. */
export const { make, lambda } = subscriber(
  "monitoring",
  Deployment.DeploymentSucceeded,
  async ({ detail }, platform, log) => {
    const monitor = await Monitoring.onDeploymentSucceeded(detail, platform);
    log.info("monitor", {
      endpoint: detail.endpoint,
      version: detail.version,
      monitor: monitor?.id,
    });
  },
);
