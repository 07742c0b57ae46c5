import * as z from "zod";
import { VisibleError } from "../platform/errors";
import type { Page } from "../platform/state/pages";
import type { RegistryReads } from "./deps";
import type { HistoryEntry } from "./history";
import { Model, type ModelVersion, type ModelVersionStatus } from "./model";
import { DEFAULT_POLICY, Policy, type PolicyInput } from "./policy";
import { registryStore as store } from "./store";

export const ModelDetail = Model.extend({
  policy: Policy,
  aliases: z.record(z.string(), z.number().int().positive()).describe("alias → version"),
});
export type ModelDetail = z.infer<typeof ModelDetail>;

export async function getModel(name: string, deps: RegistryReads): Promise<ModelDetail> {
  const model = await store(deps.state).getModel(name);
  if (!model) throw modelNotFound(name);
  const [policy, aliases] = await Promise.all([
    store(deps.state).getPolicy(name),
    store(deps.state).listAliases(name),
  ]);
  return {
    ...model,
    policy: policy ?? DEFAULT_POLICY,
    aliases: Object.fromEntries(aliases.map((a) => [a.alias, a.version])),
  };
}

export function listModels(
  query: { limit: number; cursor?: string },
  deps: RegistryReads,
): Promise<Page<Model>> {
  return store(deps.state).listModels(query.limit, query.cursor);
}

export async function getVersion(
  model: string,
  version: number,
  deps: RegistryReads,
): Promise<ModelVersion> {
  const found = await store(deps.state).getVersion(model, version);
  if (!found) {
    throw new VisibleError(
      "not_found",
      "model_version.not_found",
      `${model} has no version ${version}.`,
    );
  }
  return found;
}

export async function listVersions(
  model: string,
  query: { status?: ModelVersionStatus; limit: number; cursor?: string },
  deps: RegistryReads,
): Promise<Page<ModelVersion>> {
  if (!query.cursor && !(await store(deps.state).getModel(model))) throw modelNotFound(model);
  return store(deps.state).listVersions({ model, ...query });
}

export async function history(
  model: string,
  query: { version?: number; limit: number; cursor?: string },
  deps: RegistryReads,
): Promise<Page<HistoryEntry>> {
  if (query.version !== undefined) await getVersion(model, query.version, deps);
  else if (!(await store(deps.state).getModel(model))) throw modelNotFound(model);
  return store(deps.state).listHistory({ model, ...query });
}

/** The policy a model's next versions are judged by (the default until one is set). */
export async function getPolicy(model: string, deps: RegistryReads): Promise<Policy> {
  return (await store(deps.state).getPolicy(model)) ?? DEFAULT_POLICY;
}

/** Sets the policy; a model may get one before its first version, so that version is judged too. */
export async function putPolicy(
  model: string,
  input: PolicyInput | unknown,
  deps: RegistryReads,
): Promise<Policy> {
  const policy = Policy.parse(input);
  await store(deps.state).putPolicy(model, policy);
  return policy;
}

export function modelNotFound(name: string): VisibleError {
  return new VisibleError("not_found", "model.not_found", `There is no model named ${name}.`);
}
