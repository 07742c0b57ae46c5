export { AliasInput, AliasResolution, resolveAlias, setAlias } from "./aliases";
export { Approval, CHAMPION, listApprovals } from "./approvals";
export { Comment, CommentInput, MAX_COMMENT_CHARS } from "./comment";
export { addComment, listComments } from "./comments";
export { Against, Comparison, compareVersions, compareWith } from "./comparison";
export { onDeploymentRolledBack, onDeploymentSucceeded } from "./deployments";
export type { RegistryDeps, RegistryReads } from "./deps";
export { HistoryAction, HistoryEntry } from "./history";
export { Lineage, lineage } from "./lineage";
export {
  Alias,
  AliasName,
  DatasetLineage,
  GateResult,
  Model,
  ModelName,
  ModelVersion,
  ModelVersionStatus,
  RegisterInput,
  VersionDeployment,
  VersionNumber,
} from "./model";
export { DEFAULT_POLICY, evaluateGates, MetricGate, Policy } from "./policy";
export {
  getModel,
  getPolicy,
  getVersion,
  history,
  listModels,
  listVersions,
  ModelDetail,
  putPolicy,
} from "./queries";
export { registerFromRun, registerVersion } from "./register";
export { ApproveInput, approveVersion, RejectInput, rejectVersion } from "./review";
