import * as z from "zod";
import { VisibleError } from "../platform/errors";
import type { RegistryReads } from "./deps";
import { AliasName, DatasetLineage, type ModelVersion, VersionNumber } from "./model";
import { getVersion } from "./queries";
import { registryStore as store } from "./store";

export const HyperparameterChange = z.enum(["changed", "added", "removed"]);

export const Comparison = z.object({
  model: z.string(),
  a: z.number().int(),
  b: z.number().int(),
  metrics: z.array(
    z.object({
      metric: z.string(),
      a: z.number().nullable(),
      b: z.number().nullable(),
      delta: z.number().nullable().describe("b - a"),
    }),
  ),
  dataset: z.object({
    a: DatasetLineage.nullable(),
    b: DatasetLineage.nullable(),
    same: z.boolean(),
  }),
  hyperparameters: z
    .array(
      z.object({
        name: z.string(),
        a: z.unknown(),
        b: z.unknown(),
        change: HyperparameterChange.describe("added: only b has it; removed: only a has it"),
      }),
    )
    .describe("only the hyperparameters that differ"),
});
export type Comparison = z.infer<typeof Comparison>;

/** Another version: its number, or an alias that points at one (`champion`). */
export const Against = z.union([VersionNumber, AliasName]);

export async function compareVersions(
  model: string,
  a: number,
  b: number,
  deps: RegistryReads,
): Promise<Comparison> {
  const [va, vb] = await Promise.all([getVersion(model, a, deps), getVersion(model, b, deps)]);
  return compare(va, vb);
}

/** How `version` differs from `against` (a version number or an alias): a is `against`, b is `version`. */
export async function compareWith(
  model: string,
  version: number,
  against: number | string,
  deps: RegistryReads,
): Promise<Comparison> {
  const other = typeof against === "number" ? against : await aliasTarget(model, against, deps);
  return compareVersions(model, other, version, deps);
}

async function aliasTarget(model: string, alias: string, deps: RegistryReads): Promise<number> {
  const found = await store(deps.state).getAlias(model, alias);
  if (!found) {
    throw new VisibleError("not_found", "alias.not_found", `${model} has no alias ${alias}.`);
  }
  return found.version;
}

/** Metric deltas (b - a), both datasets, and the hyperparameters that differ, from a to b. */
export function compare(va: ModelVersion, vb: ModelVersion): Comparison {
  return {
    model: va.model,
    a: va.version,
    b: vb.version,
    metrics: metricDeltas(va.metrics, vb.metrics),
    dataset: {
      a: va.dataset,
      b: vb.dataset,
      same: JSON.stringify(va.dataset) === JSON.stringify(vb.dataset),
    },
    hyperparameters: hyperparameterChanges(va.hyperparameters, vb.hyperparameters),
  };
}

function metricDeltas(a: Record<string, number>, b: Record<string, number>) {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return names.map((metric) => {
    const [x, y] = [a[metric] ?? null, b[metric] ?? null];
    return { metric, a: x, b: y, delta: x !== null && y !== null ? y - x : null };
  });
}

function hyperparameterChanges(a: Record<string, unknown>, b: Record<string, unknown>) {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return names
    .filter((name) => JSON.stringify(a[name]) !== JSON.stringify(b[name]))
    .map((name) => ({
      name,
      a: a[name],
      b: b[name],
      change: !(name in a)
        ? ("added" as const)
        : !(name in b)
          ? ("removed" as const)
          : ("changed" as const),
    }));
}
