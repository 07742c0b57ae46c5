import { DatasetName } from "@gyre/events/shared";

export { DatasetName };

export const MARKER = "_SUCCESS";

export type DatasetKey =
  | { kind: "file"; dataset: string; key: string }
  | { kind: "batch-part"; dataset: string; batch: string; key: string }
  | { kind: "batch-complete"; dataset: string; batch: string; prefix: string; key: string }
  | { kind: "ignored"; reason: string; key: string };

/**
 * Where an object sits decides what it is: `datasets/<name>/<file>` is one version;
 * files under `datasets/<name>/<batch>/` become one version when `_SUCCESS` lands there.
 */
export function classifyKey(key: string): DatasetKey {
  const parts = key.split("/");
  if (parts[0] !== "datasets" || parts.length < 3) {
    return { kind: "ignored", reason: "not under datasets/<name>/", key };
  }
  const dataset = parts[1] ?? "";
  if (!DatasetName.safeParse(dataset).success) {
    return { kind: "ignored", reason: `"${dataset}" is not a valid dataset name`, key };
  }
  const file = parts.at(-1) ?? "";
  if (file === "" || file.startsWith("."))
    return { kind: "ignored", reason: "a folder or hidden file", key };
  if (parts.length === 3) return { kind: "file", dataset, key };
  const batch = parts.slice(2, -1).join("/");
  if (file === MARKER) {
    return { kind: "batch-complete", dataset, batch, prefix: `datasets/${dataset}/${batch}/`, key };
  }
  return { kind: "batch-part", dataset, batch, key };
}
