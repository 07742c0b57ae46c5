import { Deployment as Events } from "@gyre/events";
import type { Deployment } from "./deployment";
import type { DeploymentDeps } from "./deps";
import type { Endpoint } from "./endpoint";
import { deploymentStore as store } from "./store";

export type Outcome =
  | { status: "Succeeded" }
  | { status: "Failed" | "RolledBack"; reason: string; check: string };

/**
 * Ends a rollout once: the deployment's terminal state is written conditionally (a repeated
 * or late endpoint event finds it ended and does nothing), then the endpoint is freed, then
 * the event goes out. The caller starts the newest queued version (startQueued).
 */
export async function finishDeployment(
  deployment: Deployment,
  outcome: Outcome,
  deps: DeploymentDeps,
): Promise<Deployment> {
  const ended = await endDeployment(deployment.id, outcome, deps);
  if (!ended) return (await store(deps.state).getDeployment(deployment.id)) as Deployment;
  const endpoint = await releaseEndpoint(ended, deps);
  await announce(ended, endpoint, deps);
  if (ended.status === "Succeeded" && ended.rollbackOf) await markRolledBack(ended, deps);
  return ended;
}

async function endDeployment(id: string, outcome: Outcome, deps: DeploymentDeps) {
  for (;;) {
    const current = await store(deps.state).getDeployment(id);
    if (current?.status !== "InProgress") return undefined;
    const ended: Deployment = {
      ...current,
      status: outcome.status,
      reason: "reason" in outcome ? outcome.reason : null,
      tripped: "check" in outcome ? trippedOf(outcome) : null,
      finishedAt: new Date().toISOString(),
    };
    if (await store(deps.state).saveDeployment(ended))
      return { ...ended, revision: ended.revision + 1 };
  }
}

async function releaseEndpoint(ended: Deployment, deps: DeploymentDeps): Promise<Endpoint> {
  for (;;) {
    const endpoint = (await store(deps.state).getEndpoint(ended.endpoint)) as Endpoint;
    if (endpoint.currentDeploymentId !== ended.id) return endpoint;
    const serving =
      ended.status === "Succeeded"
        ? {
            version: ended.version,
            configName: ended.configName,
            deploymentId: ended.id,
            since: ended.finishedAt as string,
          }
        : endpoint.serving;
    const next = {
      ...endpoint,
      serving,
      currentDeploymentId: null,
      lastDeploymentId: ended.id,
      updatedAt: new Date().toISOString(),
    };
    if (await store(deps.state).saveEndpoint(next)) return next;
  }
}

async function announce(ended: Deployment, endpoint: Endpoint, deps: DeploymentDeps) {
  const base = {
    deploymentId: ended.id,
    endpoint: ended.endpoint,
    model: ended.model,
    version: ended.version,
    metadata: ended.cause,
  };
  if (ended.status === "Succeeded") {
    const known = await store(deps.state).getVersion(ended.model, ended.version);
    await Events.DeploymentSucceeded.publish(deps.bus, {
      ...base,
      dataset: known?.dataset ?? null,
      promoteAlias: endpoint.promoteAlias,
    });
  } else if (ended.status === "RolledBack") {
    await Events.DeploymentRolledBack.publish(deps.bus, {
      ...base,
      restoredVersion: endpoint.serving?.version ?? ended.previousVersion,
      reason: ended.reason ?? "rolled back",
      tripped: ended.tripped ?? undefined,
      promoteAlias: endpoint.promoteAlias,
    });
  } else {
    await Events.DeploymentFailed.publish(deps.bus, {
      ...base,
      reason: ended.reason ?? "failed",
      tripped: ended.tripped ?? undefined,
    });
  }
}

/** A manual rollback that served: the deployment it undid is Rolled Back, by that person. */
async function markRolledBack(rollback: Deployment, deps: DeploymentDeps) {
  const undone = await store(deps.state).getDeployment(rollback.rollbackOf as string);
  if (undone?.status !== "Succeeded") return;
  const reason = `rolled back by ${rollback.cause.actor} to v${rollback.version}`;
  const rolledBack: Deployment = {
    ...undone,
    status: "RolledBack",
    reason,
    tripped: trippedOf({ check: "manual" }),
  };
  if (!(await store(deps.state).saveDeployment(rolledBack))) return;
  const endpoint = (await store(deps.state).getEndpoint(rollback.endpoint)) as Endpoint;
  await Events.DeploymentRolledBack.publish(deps.bus, {
    deploymentId: undone.id,
    endpoint: undone.endpoint,
    model: undone.model,
    version: undone.version,
    restoredVersion: rollback.version,
    reason,
    tripped: trippedOf({ check: "manual" }),
    promoteAlias: endpoint.promoteAlias,
    metadata: rollback.cause,
  });
}

function trippedOf(outcome: { check: string; reason?: string }) {
  const numbers = /(\w+) ([\d.]+) (?:>|above) ([\d.]+) over (\d+) requests/.exec(
    outcome.reason ?? "",
  );
  return {
    check: outcome.check,
    metric: numbers?.[1] ?? null,
    observed: numbers ? Number(numbers[2]) : null,
    threshold: numbers ? Number(numbers[3]) : null,
    requests: numbers ? Number(numbers[4]) : null,
  };
}
