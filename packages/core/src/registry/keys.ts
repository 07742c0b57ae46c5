import { sortableNumber } from "../platform/state/keys";
import { tableName } from "../platform/state/tables";
import type { Comment } from "./comment";

/** Where each kind of registry item sits in the registry table. */

export const table = () => tableName("registry");
const pad = (version: number) => sortableNumber(version);
export const pk = (model: string) => `model#${model}`;
export const versionKey = (model: string, version: number) => ({
  pk: pk(model),
  sk: `v#${pad(version)}`,
});
export const byStatus = (model: string, status: string) => `model#${model}#status#${status}`;
export const historyPk = (model: string) => `history#${model}`;
export const versionHistory = (model: string, version: number) =>
  `history#${model}#v#${pad(version)}`;
export const commentsPk = (model: string, version: number) => `comments#${model}#v#${pad(version)}`;
export const deploymentsPk = (model: string, version: number) =>
  `deployments#${model}#v#${pad(version)}`;
export const claimKey = (model: string, runId: string) => ({ pk: pk(model), sk: `run#${runId}` });
export const aliasKey = (model: string, alias: string) => ({ pk: pk(model), sk: `alias#${alias}` });
export const commentKey = (comment: Comment) => ({
  pk: commentsPk(comment.model, comment.version),
  sk: `c#${comment.createdAt}#${comment.id}`,
});
