import { Deployment as Events } from "@gyre/events";
import { type Announcement, announce } from "../platform/outbox/announcement";
import { relaySoon } from "../platform/outbox/relay";
import { tableName } from "../platform/state/tables";
import type { Deployment } from "./deployment";
import type { DeploymentDeps } from "./deps";
import type { Endpoint } from "./endpoint";
import { deploymentKey, type KnownVersion } from "./store";

/** Publishes what a deployment's last write put in its outbox (the sweep does, if this fails). */
export function relayDeployment(deps: Pick<DeploymentDeps, "state" | "bus">, id: string) {
  return relaySoon(deps, tableName("deployment"), deploymentKey(id));
}

const common = (deployment: Deployment) => ({
  deploymentId: deployment.id,
  endpoint: deployment.endpoint,
  model: deployment.model,
  version: deployment.version,
  metadata: deployment.cause,
});

/** The rollout begins; one per deployment. */
export function deploymentStarted(
  deployment: Deployment,
  strategy: Parameters<typeof Events.DeploymentStarted.entry>[0]["strategy"],
): Announcement {
  return announce(Events.DeploymentStarted, `${deployment.id}:started`, {
    ...common(deployment),
    previousVersion: deployment.previousVersion,
    strategy,
  });
}

/**
 * The event of an ended deployment. `endpoint` is read before the endpoint is released: the
 * release changes neither its alias nor, for an unsuccessful rollout, what it serves.
 */
export function deploymentEnded(
  ended: Deployment,
  endpoint: Endpoint,
  known: KnownVersion | undefined,
): Announcement {
  const key = `${ended.id}:${ended.status}`;
  if (ended.status === "Succeeded") {
    return announce(Events.DeploymentSucceeded, key, {
      ...common(ended),
      dataset: known?.dataset ?? null,
      promoteAlias: endpoint.promoteAlias,
    });
  }
  if (ended.status === "RolledBack") {
    return announce(Events.DeploymentRolledBack, key, {
      ...common(ended),
      restoredVersion: endpoint.serving?.version ?? ended.previousVersion,
      reason: ended.reason ?? "rolled back",
      tripped: ended.tripped ?? undefined,
      promoteAlias: endpoint.promoteAlias,
    });
  }
  return announce(Events.DeploymentFailed, key, {
    ...common(ended),
    reason: ended.reason ?? "failed",
    tripped: ended.tripped ?? undefined,
  });
}

/** A Succeeded deployment a later manual rollback undid. */
export function deploymentUndone(
  undone: Deployment,
  rollback: Deployment,
  endpoint: Endpoint,
): Announcement {
  return announce(Events.DeploymentRolledBack, `${undone.id}:RolledBack`, {
    ...common(undone),
    restoredVersion: rollback.version,
    reason: undone.reason ?? "rolled back",
    tripped: undone.tripped ?? undefined,
    promoteAlias: endpoint.promoteAlias,
    metadata: rollback.cause,
  });
}
