import { compareProfiles, type DataProfile, type ProfileComparison } from "@gyre/profile/index";
import { VisibleError } from "../platform/errors";
import type { Page } from "../platform/state/pages";
import type { DatasetReads } from "./deps";
import { type ProfileWithHistograms, withHistograms } from "./histograms";
import type { DatasetSummary, VersionInfo } from "./info";
import { loadProfile } from "./profiles";
import { datasetsStore as store } from "./store";

export function listDatasets(
  query: {
    limit: number;
    cursor?: string;
  },
  deps: DatasetReads,
): Promise<Page<DatasetSummary>> {
  return store(deps.state).listDatasets(query.limit, query.cursor);
}

export async function listVersions(
  dataset: string,
  query: { limit: number; cursor?: string },
  deps: DatasetReads,
): Promise<Page<VersionInfo>> {
  const page = await store(deps.state).listVersions(dataset, query.limit, query.cursor);
  if (page.items.length === 0 && !query.cursor) await mustExist(dataset, deps);
  return page;
}

/** A version with its profile, each numeric column with a histogram. */
export async function getVersion(
  dataset: string,
  version: number,
  deps: DatasetReads,
): Promise<VersionInfo & { profile: ProfileWithHistograms | null }> {
  const { profile, ...info } = await readVersion(dataset, version, deps);
  return { ...info, profile: profile ? withHistograms(profile) : null };
}

async function readVersion(
  dataset: string,
  version: number,
  deps: DatasetReads,
): Promise<VersionInfo & { profile: DataProfile | null }> {
  const info = await store(deps.state).getVersion(dataset, version);
  if (!info) {
    await mustExist(dataset, deps);
    throw new VisibleError(
      "not_found",
      "dataset.version_not_found",
      `Dataset ${dataset} has no version ${version}.`,
    );
  }
  return { ...info, profile: (await loadProfile(dataset, version, deps)) ?? null };
}

export async function compareVersions(
  dataset: string,
  a: number,
  b: number,
  deps: DatasetReads,
): Promise<{ dataset: string; from: VersionInfo; to: VersionInfo; comparison: ProfileComparison }> {
  const [from, to] = await Promise.all([
    readVersion(dataset, a, deps),
    readVersion(dataset, b, deps),
  ]);
  for (const version of [from, to]) {
    if (!version.profile) {
      throw new VisibleError(
        "conflict",
        "dataset.version_not_profiled",
        `Version ${version.version} of ${dataset} is ${version.status} and has no profile to compare.`,
      );
    }
  }
  const { profile: fromProfile, ...fromInfo } = from;
  const { profile: toProfile, ...toInfo } = to;
  return {
    dataset,
    from: fromInfo,
    to: toInfo,
    comparison: compareProfiles(fromProfile as DataProfile, toProfile as DataProfile),
  };
}

async function mustExist(dataset: string, deps: DatasetReads): Promise<void> {
  if ((await store(deps.state).latestVersions(dataset, 1)).length === 0) {
    throw new VisibleError(
      "not_found",
      "dataset.not_found",
      `There is no dataset named ${dataset}.`,
    );
  }
}
