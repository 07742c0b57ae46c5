import type { AwsSageMaker, EventDetail } from "@gyre/events";
import { endpointStatusOf } from "@gyre/events/aws-sagemaker";
import { deploymentOutcome } from "../platform/endpoints/outcome";
import type { EndpointState, VariantMetrics } from "../platform/endpoints/port";
import { gyreName } from "../platform/endpoints/sagemaker-names";
import type { Deployment, Step } from "./deployment";
import type { DeploymentDeps } from "./deps";
import { completeFinish, finishDeployment, type Outcome } from "./finish";
import { startQueued } from "./request";
import { deploymentStore as store } from "./store";

type StateChange = EventDetail<typeof AwsSageMaker.EndpointStateChange>;

/**
 * A SageMaker Endpoint State Change for a Gyre endpoint: the rollout in progress records a
 * step, and ends when DescribeEndpoint says so. The event only prompts a look: the truth is
 * what the endpoint reports now, so a late or repeated event changes nothing, and an endpoint
 * back InService on the old config is a rollback (SageMaker's own), never a success.
 */
export async function onEndpointStateChange(detail: StateChange, deps: DeploymentDeps) {
  const name = gyreName(detail.EndpointName);
  if (!name) return undefined;
  const endpoint = await store(deps.state).getEndpoint(name);
  const id = endpoint?.currentDeploymentId;
  if (!id) return undefined;
  const deployment = await store(deps.state).getDeployment(id);
  if (deployment && deployment.status !== "InProgress") return resumeFinish(deployment, deps);
  if (!deployment?.acceptedAt) return deployment;
  const state = await deps.endpoints.describe(name);
  if (!state) return deployment;
  await recordStep(deployment, reported(detail, state), deps);
  const outcome = outcomeOf(deployment, state);
  if (!outcome) return deployment;
  const ended = await finishDeployment(deployment, outcome, deps);
  await startQueued(name, deps);
  return ended;
}

/** A crash after the deployment ended and before the endpoint was freed: free it now. */
async function resumeFinish(ended: Deployment, deps: DeploymentDeps) {
  const finished = await completeFinish(ended, deps);
  await startQueued(ended.endpoint, deps);
  return finished;
}

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
    variants: variants.length ? variants : state.variants,
  };
}

async function recordStep(deployment: Deployment, state: EndpointState, deps: DeploymentDeps) {
  const metrics = await deps.endpoints
    .metrics(deployment.endpoint, new Date(deployment.startedAt))
    .catch((): VariantMetrics[] => []);
  const at = new Date();
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
    if (current.status !== "InProgress" || same(current.steps.at(-1), step)) return;
    if (await store(deps.state).saveDeployment({ ...current, steps: [...current.steps, step] }))
      return;
  }
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
