import { Datasets } from "@gyre/events";
import type { DataProfile } from "@gyre/profile/index";
import { eventMetadata } from "../platform/actor";
import { type Announcement, announce as announceEvent } from "../platform/outbox/announcement";
import { relaySoon } from "../platform/outbox/relay";
import { tableName } from "../platform/state/tables";
import type { DatasetsDeps } from "./deps";
import type { VersionInfo } from "./info";
import { saveProfile } from "./profiles";
import type { Scanned } from "./scan";
import { claimKey, datasetsStore as store } from "./store";

export interface ObjectRef {
  bucket: string;
  key: string;
  etag: string;
  /** Identifies the triggering event, so its retry can resume a half-done ingest. */
  eventId: string;
}

export type IngestOutcome =
  | { outcome: "created"; version: VersionInfo }
  | { outcome: "duplicate"; version: number | undefined }
  | { outcome: "in-progress" };

export class ClaimBusy extends Error {}

const CLAIM_TIMEOUT_MS = 5 * 60_000;

/**
 * Records scanned content as the dataset's next version, exactly once per content:
 * claim the sha256, reserve a version number on the claim, write that row, then publish.
 * Each step can be repeated safely, so a retried or duplicated event, even one handled
 * side by side with its copy, never creates a second version.
 */
export async function recordVersion(
  dataset: string,
  ref: ObjectRef & { uri: string; files: number },
  scanned: Scanned,
  deps: DatasetsDeps,
): Promise<IngestOutcome> {
  const sha256 = scanned.ok ? scanned.result.sha256 : scanned.sha256;
  const claim = await store(deps.state).claimContent(dataset, sha256, ref.eventId);
  const recorded =
    claim?.version === undefined
      ? undefined
      : await store(deps.state).getVersion(dataset, claim.version);
  if (claim?.version !== undefined && recorded?.sha256 === sha256) {
    if (!claim.published) await announce(dataset, claim.version, deps);
    return { outcome: "duplicate", version: claim.version };
  }
  if (claim && claim.eventId !== ref.eventId && Date.now() - claim.claimedAt < CLAIM_TIMEOUT_MS) {
    throw new ClaimBusy(`another event is recording ${sha256} for ${dataset}; retry later`);
  }
  const version = await writeVersion(describe(dataset, ref, scanned, deps), claim?.version, deps);
  // Again on a retry: a crash (or a failed write) after the version row leaves no profile.
  if (scanned.ok) await saveProfile(dataset, version, profileOf(scanned), deps);
  await store(deps.state).pointKey(dataset, ref.key, version.version);
  await announce(dataset, version.version, deps);
  return { outcome: "created", version };
}

/**
 * Writes the content's row under the number its claim holds, taking the next free number
 * when another content's row has it. Copies of one event share the claim, so they agree
 * on the number and write one row.
 */
async function writeVersion(
  info: Omit<VersionInfo, "version">,
  reserved: number | undefined,
  deps: DatasetsDeps,
): Promise<VersionInfo> {
  const s = store(deps.state);
  let held = reserved;
  let next = held ?? (await firstFreeOrOwnRow(info, deps));
  for (;;) {
    if (next !== held) {
      if (!(await s.reserveVersion(info.dataset, info.sha256, held, next))) {
        held = (await s.getClaim(info.dataset, info.sha256))?.version;
        next = held ?? next;
        continue;
      }
      held = next;
    }
    const row = await s.putVersion({ ...info, version: next });
    if (row.sha256 === info.sha256) return row;
    next++;
  }
}

/** The number to reserve: that of a row of this content left by a claim that was never settled, or the next one. */
async function firstFreeOrOwnRow(info: Omit<VersionInfo, "version">, deps: DatasetsDeps) {
  const latest = await store(deps.state).latestVersions(info.dataset, 10);
  const own = latest.find((v) => v.sha256 === info.sha256);
  return own?.version ?? (latest[0]?.version ?? 0) + 1;
}

function describe(
  dataset: string,
  ref: ObjectRef & { uri: string; files: number },
  scanned: Scanned,
  deps: DatasetsDeps,
) {
  const createdAt = (deps.now?.() ?? new Date()).toISOString();
  const common = { dataset, uri: ref.uri, etag: ref.etag, files: ref.files, createdAt };
  if (!scanned.ok) {
    return {
      ...common,
      status: "rejected" as const,
      sha256: scanned.sha256,
      bytes: scanned.bytes,
      rows: null,
      format: null,
      columns: [],
      reason: scanned.reason,
    };
  }
  const { result } = scanned;
  return {
    ...common,
    status: "ready" as const,
    sha256: result.sha256,
    bytes: result.bytes,
    rows: result.rows,
    format: result.format,
    columns: result.columns.map((c) => ({ name: c.name, type: c.type })),
  };
}

function profileOf(scanned: Extract<Scanned, { ok: true }>): DataProfile {
  const { format, rows, columns } = scanned.result;
  return { format, rows, columns };
}

/** The version's event goes into its claim's outbox as the claim is marked published, then out. */
async function announce(dataset: string, versionNumber: number, deps: DatasetsDeps): Promise<void> {
  const version = await store(deps.state).getVersion(dataset, versionNumber);
  if (!version) return;
  await store(deps.state).announceClaim(dataset, version.sha256, versionEvent(version));
  await relaySoon(deps, tableName("datasets"), claimKey(dataset, version.sha256));
}

function versionEvent(version: VersionInfo): Announcement {
  const metadata = eventMetadata();
  const key = `${version.dataset}:v${version.version}`;
  if (version.status === "rejected") {
    return announceEvent(Datasets.DatasetVersionRejected, key, {
      dataset: version.dataset,
      version: version.version,
      uri: version.uri,
      reason: version.reason ?? "rejected",
      metadata,
    });
  }
  return announceEvent(Datasets.DatasetVersionCreated, key, {
    dataset: version.dataset,
    version: version.version,
    sha256: version.sha256,
    bytes: version.bytes,
    uri: version.uri,
    etag: version.etag,
    format: version.format ?? "csv",
    rows: version.rows ?? 0,
    columns: version.columns,
    createdAt: version.createdAt,
    metadata,
  });
}
