import * as Deployment from "@gyre/core/deployment/index";
import { AwsSageMaker } from "@gyre/events";
import { subscriber } from "../shared/subscriber";

/** SageMaker Endpoint State Change of a Gyre endpoint: the rollout in progress moves on or ends. */
export const { make, lambda } = subscriber(
  "deployment",
  AwsSageMaker.EndpointStateChange,
  async ({ detail }, platform, log) => {
    const deployment = await Deployment.onEndpointStateChange(detail, platform);
    log.info("endpoint state", {
      endpoint: detail.EndpointName,
      status: detail.EndpointStatus,
      deployment: deployment?.id,
      deploymentStatus: deployment?.status,
    });
  },
);
