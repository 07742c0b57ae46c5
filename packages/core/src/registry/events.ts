import { Registry } from "@gyre/events";
import { type Announcement, announce } from "../platform/outbox/announcement";
import type { Alias, ModelVersion } from "./model";

type Metadata = { actor: string; correlationId: string; causationId: string | null };

/** The registry's events, each keyed by the change it announces (a version decides once). */
const at = (version: ModelVersion, what: string) => `${version.model}:v${version.version}:${what}`;

export function versionRegistered(version: ModelVersion, metadata: Metadata): Announcement {
  return announce(Registry.ModelVersionRegistered, at(version, "Registered"), {
    model: version.model,
    version: version.version,
    status: version.status,
    artifactUri: version.artifactUri,
    metrics: version.metrics,
    dataset: version.dataset,
    runId: version.runId,
    pipeline: version.pipeline,
    serve: version.serve,
    metadata,
  });
}

export function versionApproved(
  version: ModelVersion,
  comment: string | null,
  metadata: Metadata,
): Announcement {
  return announce(Registry.ModelVersionApproved, at(version, "Approved"), {
    model: version.model,
    version: version.version,
    artifactUri: version.artifactUri,
    serve: version.serve,
    comment,
    gates: version.gates,
    dataset: version.dataset,
    metadata,
  });
}

export function versionRejected(
  version: ModelVersion,
  comment: string,
  metadata: Metadata,
): Announcement {
  return announce(Registry.ModelVersionRejected, at(version, "Rejected"), {
    model: version.model,
    version: version.version,
    comment,
    gates: version.gates,
    metadata,
  });
}

/** An alias moves; the same move twice is one change only at the same moment. */
export function aliasChanged(alias: Alias, from: number | null, metadata: Metadata): Announcement {
  return announce(
    Registry.ModelAliasChanged,
    `${alias.model}:alias:${alias.alias}:${alias.updatedAt}`,
    { model: alias.model, alias: alias.alias, from, to: alias.version, metadata },
  );
}
