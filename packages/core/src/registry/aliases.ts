import * as z from "zod";
import { eventMetadata } from "../platform/actor";
import { VisibleError } from "../platform/errors";
import type { RegistryDeps, RegistryReads } from "./deps";
import { aliasChanged } from "./events";
import { aliasKey } from "./keys";
import { type Alias, AliasName, ModelVersion } from "./model";
import { getVersion } from "./queries";
import { completeChange, recordLeftovers } from "./record";
import { registryStore as store } from "./store";

export const AliasInput = z.strictObject({ version: z.number().int().positive() });
export const AliasResolution = z.object({
  alias: AliasName,
  version: ModelVersion.describe("the version the alias points at"),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type AliasResolution = z.infer<typeof AliasResolution>;

/** Points the alias at a version: only an Approved version may be champion. */
export async function setAlias(
  model: string,
  alias: string,
  input: unknown,
  deps: RegistryDeps,
): Promise<Alias> {
  const name = AliasName.parse(alias);
  const { version } = AliasInput.parse(input);
  const target = await getVersion(model, version, deps);
  if (name === "champion" && target.status !== "Approved") {
    throw new VisibleError(
      "conflict",
      "alias.champion_not_approved",
      `${model} v${version} is ${target.status}; only an Approved version can be champion.`,
    );
  }
  const { actor } = eventMetadata();
  for (;;) {
    await recordLeftovers(deps.state, aliasKey(model, name));
    const current = await store(deps.state).getAlias(model, name);
    if (current?.version === version) return current;
    const next: Alias = {
      model,
      alias: name,
      version,
      updatedAt: new Date().toISOString(),
      updatedBy: actor,
    };
    const from = current?.version ?? null;
    const unrecorded = [
      {
        id: `alias-${name}-${version}`,
        entry: {
          at: next.updatedAt,
          actor,
          action: "alias" as const,
          model,
          version,
          alias: name,
          from,
          to: version,
          comment: null,
        },
      },
    ];
    const announcements = [aliasChanged(next, from, eventMetadata())];
    if (!(await store(deps.state).putAlias(next, from, { announcements, unrecorded }))) continue;
    await completeChange(deps, aliasKey(model, name), unrecorded);
    return next;
  }
}

export async function resolveAlias(
  model: string,
  alias: string,
  deps: RegistryReads,
): Promise<AliasResolution> {
  const found = await store(deps.state).getAlias(model, AliasName.parse(alias));
  if (!found) {
    throw new VisibleError("not_found", "alias.not_found", `${model} has no alias ${alias}.`);
  }
  return {
    alias: found.alias,
    version: await getVersion(model, found.version, deps),
    updatedAt: found.updatedAt,
    updatedBy: found.updatedBy,
  };
}
