import type { DatasetReads } from "./deps";
import { classifyKey } from "./keys";
import { datasetsStore as store } from "./store";

/** An object was deleted: the version it held is marked deleted; its record stays. */
export async function objectDeleted(
  key: string,
  at: Date,
  deps: DatasetReads,
): Promise<{ deleted: number | undefined }> {
  const place = classifyKey(key);
  if (place.kind === "ignored") return { deleted: undefined };
  const version = await store(deps.state).versionAtKey(place.dataset, key);
  if (version === undefined) return { deleted: undefined };
  return {
    deleted: (await store(deps.state).markDeleted(place.dataset, version, at.toISOString()))
      ? version
      : undefined,
  };
}
