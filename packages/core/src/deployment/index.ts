export { Deployment, DeploymentStatus, Step } from "./deployment";
export { deployVersion, getDeployment, listDeployments, rollbackDeployment } from "./deployments";
export type { DeploymentDeps, DeploymentReads } from "./deps";
export { AlarmInput, Endpoint, EndpointInput, Rollout } from "./endpoint";
export {
  createEndpoint,
  deleteEndpoint,
  EndpointDetail,
  getEndpoint,
  listEndpoints,
  replaceEndpoint,
} from "./endpoints";
export { inferenceIdOf, invoke } from "./invoke";
export { outcomeOf } from "./outcome";
export { onEndpointStateChange } from "./progress";
export { onAliasChanged, onVersionApproved, onVersionRegistered } from "./versions";
