import type { Deployment, EventDetail } from "@gyre/events";
import { eventMetadata } from "../platform/actor";
import { setAlias } from "./aliases";
import type { RegistryDeps } from "./deps";
import { registryStore as store } from "./store";

type Succeeded = EventDetail<typeof Deployment.DeploymentSucceeded>;
type RolledBack = EventDetail<typeof Deployment.DeploymentRolledBack>;

/** Deployment Succeeded: recorded for the version's lineage; the promoted alias follows what serves. */
export async function onDeploymentSucceeded(detail: Succeeded, at: string, deps: RegistryDeps) {
  await store(deps.state).putDeployment(detail.model, detail.version, {
    deploymentId: detail.deploymentId,
    endpoint: detail.endpoint,
    outcome: "Succeeded",
    at,
    reason: null,
    restoredVersion: null,
  });
  if (!detail.promoteAlias) return undefined;
  return setAlias(detail.model, detail.promoteAlias, { version: detail.version }, deps);
}

/**
 * Deployment Rolled Back: the alias goes back to the restored version, and the failed version's
 * history says which endpoint rolled it back and why. Keyed by the deployment, so a repeated
 * event adds no second entry.
 */
export async function onDeploymentRolledBack(detail: RolledBack, at: string, deps: RegistryDeps) {
  await store(deps.state).putDeployment(detail.model, detail.version, {
    deploymentId: detail.deploymentId,
    endpoint: detail.endpoint,
    outcome: "RolledBack",
    at,
    reason: detail.reason,
    restoredVersion: detail.restoredVersion,
  });
  await store(deps.state).appendHistory(
    {
      at,
      actor: eventMetadata().actor,
      action: "rolled_back",
      model: detail.model,
      version: detail.version,
      alias: detail.promoteAlias ?? null,
      from: detail.version,
      to: detail.restoredVersion,
      comment: `endpoint ${detail.endpoint} (${detail.deploymentId}): ${detail.reason}`,
    },
    `rb_${detail.deploymentId}`,
  );
  if (!detail.promoteAlias || !detail.restoredVersion) return undefined;
  return setAlias(detail.model, detail.promoteAlias, { version: detail.restoredVersion }, deps);
}
