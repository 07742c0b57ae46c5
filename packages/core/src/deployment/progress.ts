import type { AwsSageMaker, EventDetail } from "@gyre/events";
import { endpointStatusOf } from "@gyre/events/aws-sagemaker";
import type { EndpointState, VariantMetrics } from "../platform/endpoints/port";
import { gyreName } from "../platform/endpoints/sagemaker-names";
import type { Deployment, Step } from "./deployment";
import type { DeploymentDeps } from "./deps";
import type { Endpoint } from "./endpoint";
import { completeFinish, finishDeployment } from "./finish";
import { outcomeOf } from "./outcome";
import { startQueued } from "./request";
import { deploymentStore as store } from "./store";

type StateChange = EventDetail<typeof AwsSageMaker.EndpointStateChange>;

/**
 * A SageMaker Endpoint State Change for a Gyre endpoint: the rollout in progress records the
 * moment it reports as a step, and ends when DescribeEndpoint says so. The event only prompts
 * a look: the truth is what the endpoint reports now, so a late or repeated event changes
 * nothing, and an endpoint back InService on the old config is a rollback (SageMaker's own),
 * never a success.
 */
export async function onEndpointStateChange(detail: StateChange, deps: DeploymentDeps) {
  const name = gyreName(detail.EndpointName);
  if (!name) return undefined;
  const endpoint = await store(deps.state).getEndpoint(name);
  if (!endpoint) return undefined;
  const now = (await resumeFinish(endpoint, deps)) ?? endpoint;
  const deployment = await rolloutAt(now, detail.LastModifiedTime, deps);
  if (!deployment) return undefined;
  const state = await deps.endpoints.describe(name);
  if (!state) return deployment;
  await recordStep(deployment, reported(detail, state), detail.LastModifiedTime, deps);
  if (deployment.status !== "InProgress" || now.currentDeploymentId !== deployment.id)
    return deployment;
  // Before the host has accepted the new config, what it reports is the old one's state.
  if (!deployment.acceptedAt) return deployment;
  const outcome = outcomeOf(deployment, state);
  if (!outcome) return deployment;
  const ended = await finishDeployment(deployment, outcome, deps);
  await startQueued(name, deps);
  return ended;
}

/**
 * The rollout that was under way when the endpoint changed: the current one, or (for an
 * event that arrives late) the one that ended last, if the moment falls inside it.
 */
async function rolloutAt(endpoint: Endpoint, modifiedAt: number, deps: DeploymentDeps) {
  for (const id of [endpoint.currentDeploymentId, endpoint.lastDeploymentId]) {
    const deployment = id ? await store(deps.state).getDeployment(id) : undefined;
    if (deployment && within(deployment, modifiedAt)) return deployment;
  }
  return undefined;
}

function within(deployment: Deployment, at: number): boolean {
  const end = deployment.finishedAt ? Date.parse(deployment.finishedAt) : Number.POSITIVE_INFINITY;
  return Date.parse(deployment.startedAt) <= at && at <= end;
}

/**
 * A crash after the endpoint's deployment ended and before the endpoint was freed: free it
 * now (and start what was queued behind it). The endpoint as it is then, or undefined when
 * there was nothing to repair.
 */
async function resumeFinish(endpoint: Endpoint, deps: DeploymentDeps) {
  const id = endpoint.currentDeploymentId;
  const current = id ? await store(deps.state).getDeployment(id) : undefined;
  if (!current || current.status === "InProgress") return undefined;
  await completeFinish(current, deps);
  await startQueued(current.endpoint, deps);
  return store(deps.state).getEndpoint(current.endpoint);
}

/** The moment the event reports (its status and weights), named with the versions the host knows. */
function reported(detail: StateChange, state: EndpointState): EndpointState {
  const variants = (detail.ProductionVariants ?? []).map((v) => {
    const name = v.VariantName ?? "AllTraffic";
    const known = state.variants.find((s) => s.name === name);
    return {
      name,
      version: known?.version ?? Number(/^v(\d+)$/.exec(name)?.[1] ?? 0),
      weight: v.CurrentWeight ?? 0,
      instanceCount: v.CurrentInstanceCount ?? 0,
    };
  });
  return {
    status: endpointStatusOf(detail),
    configName: detail.EndpointConfigName,
    failureReason: detail.FailureReason,
    // What the event says, never what the endpoint serves now: a late event describes its own moment.
    variants,
  };
}

/**
 * Adds the moment the event reports to the rollout's steps, kept in the order the endpoint
 * went through them (its LastModifiedTime), however late or often the event arrives: the
 * steps are every moment of the rollout, whichever event ended it.
 */
async function recordStep(
  deployment: Deployment,
  state: EndpointState,
  modifiedAt: number,
  deps: DeploymentDeps,
) {
  const metrics = await deps.endpoints
    .metrics(deployment.endpoint, new Date(deployment.startedAt))
    .catch((): VariantMetrics[] => []);
  const at = new Date(modifiedAt);
  const step: Step = {
    at: at.toISOString(),
    bakeEndsAt: await bakeEnd(deployment, state, at, deps),
    status: state.status,
    message: state.failureReason ?? null,
    variants: state.variants.map((v) => {
      const m = metrics.find((x) => x.variant === v.name);
      return {
        variant: v.name,
        version: v.version,
        weight: v.weight,
        requests: m?.requests ?? null,
        errorRate: m?.errorRate ?? null,
        latencyP99Ms: m?.latencyP99Ms ?? null,
      };
    }),
  };
  for (;;) {
    const current = (await store(deps.state).getDeployment(deployment.id)) as Deployment;
    const steps = inOrder([...current.steps, step]);
    if (JSON.stringify(steps) === JSON.stringify(current.steps)) return;
    if (await store(deps.state).saveDeployment({ ...current, steps })) return;
  }
}

/** Steps by the time the endpoint reported them, a moment repeated right after itself once. */
function inOrder(steps: Step[]): Step[] {
  const sorted = [...steps].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return sorted.filter((step, i) => !same(sorted[i - 1], step));
}

/** While traffic is split between the fleets, the end of the bake that follows this shift. */
async function bakeEnd(
  deployment: Deployment,
  state: EndpointState,
  at: Date,
  deps: DeploymentDeps,
): Promise<string | null> {
  const split = state.variants.some((v) => v.weight > 0 && v.weight < 1);
  if (state.status !== "Updating" || !split) return null;
  const endpoint = await store(deps.state).getEndpoint(deployment.endpoint);
  const seconds = endpoint?.rollout.waitIntervalInSeconds ?? 0;
  return new Date(at.getTime() + seconds * 1000).toISOString();
}

/** A repeated event describes the same moment: weights and status unchanged. */
function same(last: Step | undefined, step: Step): boolean {
  if (!last || last.status !== step.status) return false;
  return (
    JSON.stringify(last.variants.map((v) => [v.variant, v.weight])) ===
    JSON.stringify(step.variants.map((v) => [v.variant, v.weight]))
  );
}
