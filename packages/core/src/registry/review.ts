import * as z from "zod";
import { eventMetadata } from "../platform/actor";
import { VisibleError } from "../platform/errors";
import type { RegistryDeps } from "./deps";
import { versionApproved, versionRejected } from "./events";
import { versionKey } from "./keys";
import type { ModelVersion } from "./model";
import { DEFAULT_POLICY } from "./policy";
import { getVersion } from "./queries";
import { completeChange, recordLeftovers } from "./record";
import { registryStore as store } from "./store";
import type { Unrecorded } from "./trail";

export const ApproveInput = z.strictObject({ comment: z.string().max(2000).optional() });
export const RejectInput = z.strictObject({
  comment: z
    .string()
    .trim()
    .max(2000)
    .default("")
    .describe("why: required (400 model_version.comment_required without one)"),
});

const conflict = (code: string, message: string) => new VisibleError("conflict", code, message);

/**
 * One approval by the acting identity. The version becomes Approved once the policy's
 * requiredApprovals distinct approvers have approved; a Rejected version can be approved
 * back (a person overruling a gate), an Approved one stays Approved.
 */
export async function approveVersion(
  model: string,
  number: number,
  input: unknown,
  deps: RegistryDeps,
): Promise<ModelVersion> {
  const { comment = null } = ApproveInput.parse(input);
  const { actor } = eventMetadata();
  for (;;) {
    await recordLeftovers(deps.state, versionKey(model, number));
    const current = await getVersion(model, number, deps);
    if (current.status === "Approved") {
      throw conflict("model_version.already_approved", `${model} v${number} is already Approved.`);
    }
    if (current.approvals.includes(actor)) {
      throw conflict(
        "model_version.already_approved_by_you",
        `${actor} has already approved ${model} v${number}; another approver must approve it too.`,
      );
    }
    const { requiredApprovals } = (await store(deps.state).getPolicy(model)) ?? DEFAULT_POLICY;
    const approvals = [...current.approvals, actor];
    const approved = approvals.length >= requiredApprovals;
    const next = change(current, {
      approvals,
      status: approved ? "Approved" : current.status,
      reason: approved ? null : current.reason,
    });
    const unrecorded = audit(next, actor, comment, "approved", current.status);
    const announcements = approved ? [versionApproved(next, comment, onTheTrip(next))] : [];
    if (
      !(await store(deps.state).saveVersion(next, current.revision, { announcements, unrecorded }))
    )
      continue;
    await completeChange(deps, versionKey(model, number), unrecorded);
    return next;
  }
}

/** Rejects a version awaiting approval; an Approved or Rejected version cannot be rejected. */
export async function rejectVersion(
  model: string,
  number: number,
  input: unknown,
  deps: RegistryDeps,
): Promise<ModelVersion> {
  const { comment } = RejectInput.parse(input);
  if (!comment) {
    throw new VisibleError(
      "input",
      "model_version.comment_required",
      "Say why: rejecting a version needs a comment.",
    );
  }
  const { actor } = eventMetadata();
  for (;;) {
    await recordLeftovers(deps.state, versionKey(model, number));
    const current = await getVersion(model, number, deps);
    if (current.status !== "PendingManualApproval") {
      throw conflict(
        "model_version.not_pending",
        `${model} v${number} is ${current.status}; only a PendingManualApproval version can be rejected.`,
      );
    }
    const next = change(current, { status: "Rejected", approvals: [], reason: comment });
    const unrecorded = audit(next, actor, comment, "rejected", current.status);
    const announcements = [versionRejected(next, comment, onTheTrip(next))];
    if (
      !(await store(deps.state).saveVersion(next, current.revision, { announcements, unrecorded }))
    )
      continue;
    await completeChange(deps, versionKey(model, number), unrecorded);
    return next;
  }
}

function change(current: ModelVersion, fields: Partial<ModelVersion>): ModelVersion {
  return {
    ...current,
    ...fields,
    updatedAt: new Date().toISOString(),
    revision: current.revision + 1,
  };
}

/** The audit entry of a decision, under an id its revision makes unique and stable. */
function audit(
  version: ModelVersion,
  actor: string,
  comment: string | null,
  action: "approved" | "rejected",
  from: string,
): Unrecorded {
  const entry = {
    at: version.updatedAt,
    actor,
    model: version.model,
    version: version.version,
    alias: null,
    comment,
    action,
    from,
    to: version.status,
  };
  return [{ id: `v${version.version}-r${version.revision}`, entry }];
}

/** A person's decision continues the trip that produced the version, so one id follows the loop. */
function onTheTrip(version: ModelVersion) {
  const now = eventMetadata();
  return { ...now, correlationId: version.correlationId ?? now.correlationId };
}
