import { eventMetadata } from "../platform/actor";
import { VisibleError } from "../platform/errors";
import { newId } from "../platform/ids";
import type { Deployment } from "./deployment";
import type { DeploymentDeps } from "./deps";
import type { Endpoint } from "./endpoint";
import { completeFinish } from "./finish";
import { startDeployment } from "./start";
import { deploymentStore as store } from "./store";

export type Trigger = Deployment["trigger"];

/**
 * Asks the endpoint to serve `version`. At most one rollout runs per endpoint: a request
 * while one runs queues behind it (the newest wins); the version already serving, or an
 * approval older than one already asked for, starts nothing. So duplicated and reordered
 * approvals start exactly one rollout.
 */
export async function requestDeployment(
  name: string,
  version: number,
  trigger: Trigger,
  deps: DeploymentDeps,
  options: { rollbackOf?: string } = {},
): Promise<Deployment | undefined> {
  const automatic = trigger === "approved" || trigger === "alias";
  for (;;) {
    const endpoint = await store(deps.state).getEndpoint(name);
    if (endpoint?.status !== "active") return undefined;
    const stalled = await claimedUnstarted(endpoint, deps);
    if (stalled) {
      // Claimed, and the host never took it: a crash cut its start short, or a copy of this
      // request is starting it now. Start it (again: every step of startDeployment is
      // idempotent and safe beside a copy of itself, the host's deploy of one config
      // included), then decide.
      const resumed = await startDeployment(stalled, deps);
      if (resumed.status !== "InProgress") await startQueued(name, deps);
      continue;
    }
    if (automatic && version <= endpoint.highestRequested) return undefined;
    const highestRequested = Math.max(endpoint.highestRequested, automatic ? version : 0);
    if (endpoint.currentDeploymentId && (await freedAfterCrash(endpoint, deps))) continue;
    if (endpoint.currentDeploymentId) {
      if (!automatic) throw busy(endpoint);
      const queuedVersion = Math.max(endpoint.queuedVersion ?? 0, version);
      if (await save({ ...endpoint, queuedVersion, highestRequested }, deps)) return undefined;
      continue;
    }
    if (endpoint.serving?.version === version) {
      if (!automatic) return undefined;
      if (await save({ ...endpoint, highestRequested }, deps)) return undefined;
      continue;
    }
    const deployment = newDeployment(endpoint, version, trigger, options.rollbackOf ?? null);
    // Two items, the deployment first and then the endpoint's claim on it: a crash between
    // leaves a deployment that no endpoint names and that never started (removed on the
    // endpoint's next claim, below), never a claim on a deployment that does not exist, which
    // would hold the endpoint busy for good.
    await store(deps.state).saveDeployment(deployment, true);
    const claimed = { ...endpoint, currentDeploymentId: deployment.id, queuedVersion: null };
    if (!(await save({ ...claimed, highestRequested }, deps))) {
      await store(deps.state).deleteDeployment(deployment.id);
      continue;
    }
    await removeAbandoned(name, deployment.id, deps);
    const started = await startDeployment(deployment, deps);
    if (started.status !== "InProgress") await startQueued(name, deps);
    return started;
  }
}

/** After a rollout ends: the newest version approved meanwhile goes next. */
export async function startQueued(name: string, deps: DeploymentDeps): Promise<void> {
  const endpoint = await store(deps.state).getEndpoint(name);
  const queued = endpoint?.queuedVersion;
  if (!endpoint || !queued || endpoint.currentDeploymentId) return;
  if (!(await save({ ...endpoint, queuedVersion: null }, deps))) return startQueued(name, deps);
  await requestDeployment(name, queued, "approved", deps).catch(() => undefined);
}

/**
 * Deployments of the endpoint left InProgress, never claimed, by a crash between their two
 * writes: removed. Nothing ever saw them start (no event, no host change), and the request
 * that made them is retried as the deployment that was claimed: keeping them would count
 * one rollout twice.
 */
async function removeAbandoned(name: string, current: string, deps: DeploymentDeps) {
  const { items } = await store(deps.state).listDeployments({ endpoint: name, limit: 25 });
  for (const d of items) {
    if (d.id === current || d.status !== "InProgress" || d.acceptedAt) continue;
    if (!(await namedByEndpoint(name, d.id, deps))) await store(deps.state).deleteDeployment(d.id);
  }
}

/** Whether the endpoint names this deployment now (a concurrent request claimed it meanwhile). */
async function namedByEndpoint(name: string, id: string, deps: DeploymentDeps) {
  return (await store(deps.state).getEndpoint(name))?.currentDeploymentId === id;
}

/** The deployment the endpoint names, if it is in progress and the host never accepted it. */
async function claimedUnstarted(endpoint: Endpoint, deps: DeploymentDeps) {
  if (!endpoint.currentDeploymentId) return undefined;
  const current = await store(deps.state).getDeployment(endpoint.currentDeploymentId);
  return current?.status === "InProgress" && !current.acceptedAt ? current : undefined;
}

/** The endpoint names a deployment that ended before a crash freed it: free it (finish.ts). */
async function freedAfterCrash(endpoint: Endpoint, deps: DeploymentDeps): Promise<boolean> {
  const current = await store(deps.state).getDeployment(endpoint.currentDeploymentId as string);
  if (!current || current.status === "InProgress") return false;
  await completeFinish(current, deps);
  return true;
}

function save(endpoint: Endpoint, deps: DeploymentDeps): Promise<boolean> {
  return store(deps.state).saveEndpoint({ ...endpoint, updatedAt: new Date().toISOString() });
}

function newDeployment(
  endpoint: Endpoint,
  version: number,
  trigger: Trigger,
  rollbackOf: string | null,
): Deployment {
  const id = newId("dep");
  return {
    id,
    endpoint: endpoint.name,
    model: endpoint.model,
    version,
    previousVersion: endpoint.serving?.version ?? null,
    trigger,
    status: "InProgress",
    configName: `${endpoint.name}-v${version}-${id.slice(-8).toLowerCase()}`,
    reason: null,
    tripped: null,
    steps: [],
    acceptedAt: null,
    rollbackOf,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    cause: eventMetadata(),
    revision: 0,
  };
}

function busy(endpoint: Endpoint): VisibleError {
  return new VisibleError(
    "conflict",
    "endpoint.rollout_in_progress",
    `Endpoint ${endpoint.name} is rolling out (${endpoint.currentDeploymentId}); deploy again when it ends.`,
  );
}
