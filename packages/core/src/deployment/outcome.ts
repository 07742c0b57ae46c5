import { deploymentOutcome } from "../platform/endpoints/outcome";
import type { EndpointState } from "../platform/endpoints/port";
import type { Deployment } from "./deployment";
import type { Outcome } from "./finish";

/** What the endpoint's state means for the rollout that asked for `configName`. */
export function outcomeOf(deployment: Deployment, state: EndpointState): Outcome | undefined {
  const outcome = deploymentOutcome(deployment.configName, state);
  if (outcome === "in-progress") return undefined;
  if (outcome === "succeeded") return { status: "Succeeded" };
  if ("rolledBack" in outcome) {
    // A version stopped before any user saw it (its server never came up, or its shadow
    // answers differed too much) never served: that is a failure, not a rollback.
    const stage = /^(preflight|shadow):/.exec(outcome.rolledBack)?.[1];
    if (stage) return { status: "Failed", reason: outcome.rolledBack, check: stage };
    return { status: "RolledBack", reason: outcome.rolledBack, check: checkOf(outcome.rolledBack) };
  }
  return { status: "Failed", reason: outcome.failed, check: "sagemaker" };
}

function checkOf(reason: string | undefined): string {
  return (
    /^alarm ([^:\s]+)/.exec(reason ?? "")?.[1] ??
    (reason?.startsWith("timeout") ? "timeout" : "sagemaker")
  );
}
