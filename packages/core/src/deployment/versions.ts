import type { EventDetail, Registry } from "@gyre/events";
import type { DeploymentDeps, DeploymentReads } from "./deps";
import { requestDeployment } from "./request";
import { type KnownVersion, deploymentStore as store } from "./store";

type Registered = EventDetail<typeof Registry.ModelVersionRegistered>;
type Approved = EventDetail<typeof Registry.ModelVersionApproved>;
type AliasChanged = EventDetail<typeof Registry.ModelAliasChanged>;

/** Model Version Registered: what deployment needs to know of a version, kept in its own table. */
export async function onVersionRegistered(detail: Registered, deps: DeploymentReads) {
  await remember(known(detail, detail.status === "Approved"), deps);
}

/** Model Version Approved: remember it, and roll it out to every endpoint that deploys on approval. */
export async function onVersionApproved(detail: Approved, deps: DeploymentDeps) {
  await remember(known(detail, true), deps);
  const endpoints = (await store(deps.state).allEndpoints()).filter(
    (e) => e.status === "active" && e.model === detail.model && e.deployOn === "approved",
  );
  return Promise.all(
    endpoints.map((e) => requestDeployment(e.name, detail.version, "approved", deps)),
  );
}

/** Model Alias Changed: endpoints that follow that alias roll out the version it now names. */
export async function onAliasChanged(detail: AliasChanged, deps: DeploymentDeps) {
  if (detail.to === null) return [];
  const to = detail.to;
  const endpoints = (await store(deps.state).allEndpoints()).filter(
    (e) =>
      e.status === "active" &&
      e.model === detail.model &&
      typeof e.deployOn === "object" &&
      e.deployOn.alias === detail.alias,
  );
  return Promise.all(endpoints.map((e) => requestDeployment(e.name, to, "alias", deps)));
}

/** What either registry event tells of a version. */
function known(detail: Registered | Approved, approved: boolean): KnownVersion {
  const { dataset } = detail;
  return {
    model: detail.model,
    version: detail.version,
    artifactUri: detail.artifactUri,
    approved,
    dataset: dataset ? { name: dataset.name, version: dataset.version } : null,
    serve: detail.serve ?? null,
  };
}

function remember(version: KnownVersion, deps: DeploymentReads): Promise<void> {
  return store(deps.state).mergeVersion(version);
}
