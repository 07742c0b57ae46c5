import { VisibleError } from "../platform/errors";
import type { Page } from "../platform/state/pages";
import type { Deployment } from "./deployment";
import type { DeploymentDeps, DeploymentReads } from "./deps";
import { activeEndpoint } from "./endpoints";
import { requestDeployment } from "./request";
import { deploymentStore as store } from "./store";

export async function getDeployment(id: string, deps: DeploymentReads): Promise<Deployment> {
  const deployment = await store(deps.state).getDeployment(id);
  if (!deployment) {
    throw new VisibleError("not_found", "deployment.not_found", `There is no deployment ${id}.`);
  }
  return deployment;
}

export function listDeployments(
  query: { endpoint?: string; limit: number; cursor?: string },
  deps: DeploymentReads,
): Promise<Page<Deployment>> {
  return store(deps.state).listDeployments(query);
}

/** POST /endpoints/{name}/deploy: a person deploys an Approved version, by the endpoint's rollout. */
export async function deployVersion(
  name: string,
  version: number,
  deps: DeploymentDeps,
): Promise<Deployment> {
  const endpoint = await activeEndpoint(name, deps);
  const known = await store(deps.state).getVersion(endpoint.model, version);
  if (!known?.approved) {
    throw new VisibleError(
      "conflict",
      "model_version.not_approved",
      `${endpoint.model} v${version} is not Approved; only Approved versions are deployed.`,
    );
  }
  const started = await requestDeployment(name, version, "manual", deps);
  if (!started) {
    throw new VisibleError(
      "conflict",
      "endpoint.already_serving",
      `${name} serves v${version} already.`,
    );
  }
  return started;
}

/** Rolls the serving deployment back to the version before it, at once. */
export async function rollbackDeployment(id: string, deps: DeploymentDeps): Promise<Deployment> {
  const deployment = await getDeployment(id, deps);
  const endpoint = await store(deps.state).getEndpoint(deployment.endpoint);
  if (deployment.status !== "Succeeded" || endpoint?.serving?.deploymentId !== id) {
    throw new VisibleError(
      "conflict",
      "deployment.not_serving",
      `${id} is ${deployment.status === "InProgress" ? "rolling out (an alarm or its timeout rolls it back)" : "not what the endpoint serves now"}; only the serving deployment can be rolled back.`,
    );
  }
  if (!deployment.previousVersion) {
    throw new VisibleError(
      "conflict",
      "deployment.nothing_before",
      `${id} was the endpoint's first version.`,
    );
  }
  const rollback = await requestDeployment(
    deployment.endpoint,
    deployment.previousVersion,
    "rollback",
    deps,
    {
      rollbackOf: id,
    },
  );
  return rollback as Deployment;
}
