import type { AlarmRule, RolloutPolicy } from "../platform/endpoints/port";
import { deploymentStarted, relayDeployment } from "./announce";
import type { Deployment } from "./deployment";
import type { DeploymentDeps } from "./deps";
import type { Endpoint } from "./endpoint";
import { finishDeployment } from "./finish";
import { outcomeOf } from "./outcome";
import { type KnownVersion, deploymentStore as store } from "./store";

/** A rollback goes back at once: no canary for the version that served a moment ago. */
const IMMEDIATE: RolloutPolicy = {
  type: "ALL_AT_ONCE",
  waitIntervalInSeconds: 0,
  maximumExecutionTimeoutInSeconds: 1200,
  terminationWaitInSeconds: 0,
};

/** Announces the rollout (in the deployment's outbox), then hands the endpoint host the new config; the host reports by events. */
export async function startDeployment(
  deployment: Deployment,
  deps: DeploymentDeps,
): Promise<Deployment> {
  const endpoint = (await store(deps.state).getEndpoint(deployment.endpoint)) as Endpoint;
  const version = await store(deps.state).getVersion(deployment.model, deployment.version);
  const problem = unservable(deployment, version);
  if (problem) return finishDeployment(deployment, { status: "Failed", ...problem }, deps);
  const rollout = deployment.trigger === "rollback" ? IMMEDIATE : endpoint.rollout;
  const starting = await announceStart(deployment, strategyOf(rollout as RolloutPolicy), deps);
  if (starting?.status !== "InProgress") return starting ?? deployment;
  try {
    await deps.endpoints.deploy(
      configOf(endpoint, deployment, version as KnownVersion, deps),
      rollout as RolloutPolicy,
      endpoint.alarms as AlarmRule[],
    );
  } catch (error) {
    const reason = `the endpoint host refused the change: ${(error as Error).message}`;
    return finishDeployment(deployment, { status: "Failed", reason, check: "host" }, deps);
  }
  const accepted = await markAccepted(deployment, deps);
  return accepted.status === "InProgress" ? lookNow(accepted, deps) : accepted;
}

/** Records that the host took the change (once: a copy of this start finds it recorded). */
async function markAccepted(deployment: Deployment, deps: DeploymentDeps): Promise<Deployment> {
  const acceptedAt = new Date().toISOString();
  for (;;) {
    const current = (await store(deps.state).getDeployment(deployment.id)) as Deployment;
    if (current.status !== "InProgress" || current.acceptedAt) return current;
    if (await store(deps.state).saveDeployment({ ...current, acceptedAt }))
      return { ...current, acceptedAt, revision: current.revision + 1 };
  }
}

/**
 * The host reports by events, and the ones it sent before the acceptance was recorded were
 * left for a later one (progress.ts): a host that finished meanwhile sends no later one. So
 * look once now; whichever comes second, this look or the last event, ends the rollout.
 */
async function lookNow(deployment: Deployment, deps: DeploymentDeps): Promise<Deployment> {
  const state = await deps.endpoints.describe(deployment.endpoint);
  const outcome = state && outcomeOf(deployment, state);
  return outcome ? finishDeployment(deployment, outcome, deps) : deployment;
}

/**
 * Writes Started into the deployment's outbox before the host hears of it, so an ending event
 * never goes out without it (its key is the deployment's, so writing it again is one event).
 */
async function announceStart(
  deployment: Deployment,
  strategy: ReturnType<typeof strategyOf>,
  deps: DeploymentDeps,
): Promise<Deployment | undefined> {
  for (;;) {
    const current = await store(deps.state).getDeployment(deployment.id);
    if (current?.status !== "InProgress") return current;
    if (
      await store(deps.state).saveDeployment(current, false, [deploymentStarted(current, strategy)])
    ) {
      await relayDeployment(deps, deployment.id);
      return { ...current, revision: current.revision + 1 };
    }
  }
}

function unservable(deployment: Deployment, version: KnownVersion | undefined) {
  const name = `${deployment.model} v${deployment.version}`;
  if (!version?.approved) return { reason: `${name} is not Approved.`, check: "approval" };
  if (!version.serve) {
    return {
      reason: `${name} has no serving image: its pipeline needs \`serve: {image, local: {command}}\`.`,
      check: "preflight",
    };
  }
  return undefined;
}

function configOf(
  endpoint: Endpoint,
  deployment: Deployment,
  version: KnownVersion,
  deps: DeploymentDeps,
) {
  const serve = version.serve as NonNullable<KnownVersion["serve"]>;
  return {
    endpoint: endpoint.name,
    configName: deployment.configName,
    serving: {
      model: deployment.model,
      version: deployment.version,
      artifactUri: version.artifactUri,
      image: serve.image,
      localCommand: serve.local?.command,
      environment: serve.environment,
    },
    instanceType: endpoint.instanceType,
    instanceCount: endpoint.instanceCount,
    dataCapture: endpoint.dataCapture.enabled
      ? {
          enabled: true,
          samplingPercent: endpoint.dataCapture.samplingPercent,
          destinationS3Uri: deps.endpoints.captureDestination,
        }
      : undefined,
    autoscaling: endpoint.autoscaling,
    tags: {
      "gyre:endpoint": endpoint.name,
      "gyre:deployment": deployment.id,
      "gyre:model": deployment.model,
      "gyre:version": String(deployment.version),
    },
  };
}

function strategyOf(rollout: RolloutPolicy) {
  const bakeSeconds = rollout.waitIntervalInSeconds;
  if (rollout.type === "CANARY")
    return { type: "canary" as const, canaryPercent: rollout.canarySize?.value, bakeSeconds };
  if (rollout.type === "LINEAR")
    return { type: "linear" as const, canaryPercent: rollout.linearStepSize?.value, bakeSeconds };
  return { type: "all-at-once" as const, bakeSeconds };
}
