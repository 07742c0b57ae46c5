import { deploymentEnded, deploymentUndone, relayDeployment } from "./announce";
import type { Deployment } from "./deployment";
import type { DeploymentDeps } from "./deps";
import type { Endpoint } from "./endpoint";
import { deploymentStore as store } from "./store";

export type Outcome =
  | { status: "Succeeded" }
  | { status: "Failed" | "RolledBack"; reason: string; check: string };

/**
 * Ends a rollout once, in two steps on two items, each idempotent. First the deployment's
 * terminal state with its event in the deployment's outbox, written conditionally (a repeated
 * or late endpoint event finds it ended); then the endpoint is freed. The order is safe: a
 * crash between them leaves an ended deployment that the endpoint still names, and whatever
 * looks next (the retried endpoint event, a deploy request) frees it (completeFinish); the
 * event stays pending meanwhile, for that or the outbox sweep.
 * The caller starts the newest queued version (startQueued).
 */
export async function finishDeployment(
  deployment: Deployment,
  outcome: Outcome,
  deps: DeploymentDeps,
): Promise<Deployment> {
  const ended =
    (await endDeployment(deployment.id, outcome, deps)) ??
    ((await store(deps.state).getDeployment(deployment.id)) as Deployment);
  return ended.status === "InProgress" ? ended : completeFinish(ended, deps);
}

/**
 * The steps after the deployment's terminal write; done again, they change nothing. Its event
 * is relayed last, so a subscriber hears of the end once the endpoint is free.
 */
export async function completeFinish(ended: Deployment, deps: DeploymentDeps) {
  await releaseEndpoint(ended, deps);
  if (ended.status === "Succeeded" && ended.rollbackOf) await markRolledBack(ended, deps);
  await relayDeployment(deps, ended.id);
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
    const endpoint = (await store(deps.state).getEndpoint(ended.endpoint)) as Endpoint;
    const known = await store(deps.state).getVersion(ended.model, ended.version);
    const event = deploymentEnded(ended, endpoint, known);
    if (await store(deps.state).saveDeployment(ended, false, [event]))
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

/** A manual rollback that served: the deployment it undid is Rolled Back, by that person. */
async function markRolledBack(rollback: Deployment, deps: DeploymentDeps) {
  const undone = await store(deps.state).getDeployment(rollback.rollbackOf as string);
  if (undone?.status !== "Succeeded") return;
  const rolledBack: Deployment = {
    ...undone,
    status: "RolledBack",
    reason: `rolled back by ${rollback.cause.actor} to v${rollback.version}`,
    tripped: trippedOf({ check: "manual" }),
  };
  const endpoint = (await store(deps.state).getEndpoint(rollback.endpoint)) as Endpoint;
  const event = deploymentUndone(rolledBack, rollback, endpoint);
  if (!(await store(deps.state).saveDeployment(rolledBack, false, [event]))) return;
  await relayDeployment(deps, undone.id);
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
