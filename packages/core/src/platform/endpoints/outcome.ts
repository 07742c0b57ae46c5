import type { EndpointState } from "./port";

export type DeploymentOutcome =
  | "succeeded"
  | "in-progress"
  | { rolledBack: string }
  | { failed: string };

/**
 * What an endpoint's state says of the deployment that asked for `expectedConfigName`.
 * SageMaker rolls a blue/green update back by itself when an alarm trips, and the endpoint
 * returns to InService on the OLD config: InService alone is no success, the config must be
 * the one asked for. Pure, so the same rule judges the local host and SageMaker.
 */
export function deploymentOutcome(
  expectedConfigName: string,
  state: EndpointState | undefined,
): DeploymentOutcome {
  if (!state) return { failed: "The endpoint does not exist." };
  switch (state.status) {
    case "InService":
      if (state.configName === expectedConfigName) return "succeeded";
      return {
        rolledBack:
          state.failureReason ??
          `The endpoint is serving ${state.configName} again instead of ${expectedConfigName}.`,
      };
    case "Creating":
    case "Updating":
    case "SystemUpdating":
    case "RollingBack":
      return "in-progress";
    case "Failed":
    case "UpdateRollbackFailed":
    case "OutOfService":
    case "Deleting":
      return { failed: state.failureReason ?? `The endpoint is ${state.status}.` };
  }
}
