import type { Training } from "@gyre/events";
import type * as z from "zod";
import { eventMetadata } from "../platform/actor";
import { VisibleError } from "../platform/errors";
import { newId } from "../platform/ids";
import type { Announcement } from "../platform/outbox/announcement";
import type { RegistryDeps, RegistryReads } from "./deps";
import { versionApproved, versionRegistered, versionRejected } from "./events";
import { versionKey } from "./keys";
import { type GateResult, ModelName, type ModelVersion, RegisterInput } from "./model";
import { DEFAULT_POLICY, evaluateGates, type Policy } from "./policy";
import { completeChange } from "./record";
import { type RunClaim, registryStore as store } from "./store";
import type { Unrecorded } from "./trail";

type RunDetail = z.infer<typeof Training.TrainingRunSucceeded.detail>;
type Registration = Pick<
  ModelVersion,
  | "model"
  | "artifactUri"
  | "metrics"
  | "dataset"
  | "runId"
  | "driftReportId"
  | "pipeline"
  | "image"
  | "command"
  | "serve"
  | "hyperparameters"
  | "description"
>;

/** A claim older than this was abandoned mid-registration (a crashed handler): take it over. */
const STALE_CLAIM_MS = 30_000;

/** Training Run Succeeded: the run's model gets its next version; a repeated run event gets the same one. */
export async function registerFromRun(detail: RunDetail, deps: RegistryDeps) {
  return register(
    {
      model: detail.model,
      artifactUri: detail.artifactUri,
      metrics: detail.metrics,
      dataset: detail.dataset,
      runId: detail.runId,
      driftReportId: detail.driftReportId ?? null,
      pipeline: detail.pipeline,
      image: detail.image,
      command: detail.command,
      serve: detail.serve ?? null,
      hyperparameters: detail.hyperparameters,
      description: null,
    },
    deps,
  );
}

/** A version trained elsewhere; with a runId, registering the same run again returns its version. */
export async function registerVersion(model: string, input: unknown, deps: RegistryDeps) {
  const parsed = RegisterInput.parse(input);
  return register(
    {
      model: ModelName.parse(model),
      artifactUri: parsed.artifactUri,
      metrics: parsed.metrics,
      dataset: parsed.dataset ?? null,
      runId: parsed.runId ?? null,
      driftReportId: null,
      pipeline: null,
      image: null,
      command: null,
      serve: parsed.serve ?? null,
      hyperparameters: parsed.hyperparameters ?? {},
      description: parsed.description ?? null,
    },
    deps,
  );
}

async function register(
  registration: Registration,
  deps: RegistryDeps,
): Promise<{ created: boolean; version: ModelVersion }> {
  const { model, runId } = registration;
  if (runId === null) {
    const version = await allocate(registration, null, deps);
    await announce(version, deps);
    return { created: true, version };
  }
  const { claim, fresh } = await store(deps.state).claimRun(model, runId);
  let claimant = claim.claimant;
  if (!fresh) {
    const existing = claim.version
      ? await store(deps.state).getVersion(model, claim.version)
      : undefined;
    if (existing?.runId === runId) {
      if (!claim.published) {
        await announce(existing, deps);
        await store(deps.state).updateClaim(model, runId, claim.claimant, { published: true });
      }
      return { created: false, version: existing };
    }
    claimant = await takeOver(model, runId, claim, deps);
  }
  const version = await allocate(registration, claimant, deps);
  await announce(version, deps);
  await store(deps.state).updateClaim(model, runId, claimant, { published: true });
  return { created: true, version };
}

async function takeOver(
  model: string,
  runId: string,
  claim: RunClaim,
  deps: RegistryReads,
): Promise<string> {
  const claimant = newId("clm");
  const stale = Date.now() - claim.claimedAt > STALE_CLAIM_MS;
  if (
    !stale ||
    !(await store(deps.state).updateClaim(model, runId, claim.claimant, {
      claimant,
      claimedAt: Date.now(),
    }))
  ) {
    throw new VisibleError(
      "conflict",
      "model_version.busy",
      `Run ${runId} is being registered right now; retry shortly.`,
    );
  }
  return claimant;
}

/** Writes the version under the next free number, reserving the number on the run's claim first. */
async function allocate(
  registration: Registration,
  claimant: string | null,
  deps: RegistryReads,
): Promise<ModelVersion> {
  const { model, runId } = registration;
  const policy = (await store(deps.state).getPolicy(model)) ?? DEFAULT_POLICY;
  const gates = evaluateGates(policy, registration.metrics, await champion(model, deps));
  let next = (await store(deps.state).newestVersionNumber(model)) + 1;
  for (;;) {
    if (
      claimant &&
      runId &&
      !(await store(deps.state).updateClaim(model, runId, claimant, { version: next }))
    ) {
      throw new VisibleError(
        "conflict",
        "model_version.busy",
        `Run ${runId} is being registered right now; retry shortly.`,
      );
    }
    const version = decide({ ...registration, version: next }, policy, gates);
    const carried = { announcements: registrationEvents(version), unrecorded: audit(version) };
    if (await store(deps.state).insertVersion(version, carried)) return version;
    const taken = await store(deps.state).getVersion(model, next);
    if (runId && taken?.runId === runId) return taken;
    next++;
  }
}

async function champion(model: string, deps: RegistryReads) {
  const alias = await store(deps.state).getAlias(model, "champion");
  const version = alias ? await store(deps.state).getVersion(model, alias.version) : undefined;
  return version ? { version: version.version, metrics: version.metrics } : null;
}

function decide(
  registration: Registration & { version: number },
  policy: Policy,
  gates: GateResult[],
): ModelVersion {
  const failed = gates.filter((g) => !g.passed);
  const now = new Date().toISOString();
  const status = failed.length
    ? "Rejected"
    : policy.autoApprove
      ? "Approved"
      : "PendingManualApproval";
  return {
    ...registration,
    status,
    gates,
    approvals: status === "Approved" ? ["policy"] : [],
    reason: failed.length
      ? `Failed gates: ${failed.map((g) => `${g.gate} (actual ${g.actual ?? "missing"})`).join("; ")}`
      : null,
    registeredBy: eventMetadata().actor,
    correlationId: eventMetadata().correlationId,
    createdAt: now,
    updatedAt: now,
    revision: 0,
  };
}

/**
 * The steps after a version's write, all idempotent, so a retry that finds the version
 * unannounced does them again: the model's latest number, the audit entries, the events.
 */
async function announce(version: ModelVersion, deps: RegistryDeps): Promise<void> {
  await store(deps.state).touchModel(version.model, version.version, version.createdAt);
  await completeChange(deps, versionKey(version.model, version.version), audit(version));
}

/** Registered, then the policy's decision when it made one. */
function registrationEvents(version: ModelVersion): Announcement[] {
  const metadata = eventMetadata();
  const byPolicy = { ...metadata, actor: "policy" };
  const registered = versionRegistered(version, metadata);
  if (version.status === "Approved")
    return [registered, versionApproved(version, "every gate passed", byPolicy)];
  if (version.status === "Rejected")
    return [registered, versionRejected(version, version.reason ?? "", byPolicy)];
  return [registered];
}

/** The audit entries of a registration, under ids that follow from the version. */
function audit(version: ModelVersion): Unrecorded {
  const { model, createdAt: at } = version;
  const id = `v${String(version.version).padStart(9, "0")}`;
  const entry = { at, model, version: version.version, alias: null };
  const registered = {
    id: `${id}-1-registered`,
    entry: {
      ...entry,
      actor: version.registeredBy,
      action: "registered" as const,
      from: null,
      to: "PendingManualApproval",
      comment: null,
    },
  };
  if (version.status === "PendingManualApproval") return [registered];
  const decision = {
    id: `${id}-2-policy`,
    entry: {
      ...entry,
      actor: "policy",
      action: version.status === "Approved" ? ("approved" as const) : ("rejected" as const),
      from: "PendingManualApproval",
      to: version.status,
      comment: version.reason ?? "every gate passed",
    },
  };
  return [registered, decision];
}
