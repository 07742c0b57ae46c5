import * as z from "zod";
import { defineEvent, gyreDetail } from "./define";
import { DatasetRef, Metrics, S3Uri, ServeSpec } from "./shared";

export const source = "gyre.registry";

export const ModelVersionStatus = z.enum(["PendingManualApproval", "Approved", "Rejected"]);

const Version = { model: z.string(), version: z.number().int().positive() };

export const GateResult = z.object({
  gate: z.string().describe("e.g. `auc >= 0.8` or `beats champion on auc by 0.01`"),
  passed: z.boolean(),
  actual: z.number().nullable(),
});

export const ModelVersionRegistered = defineEvent(
  source,
  "Model Version Registered",
  gyreDetail({
    ...Version,
    status: ModelVersionStatus,
    artifactUri: S3Uri,
    metrics: Metrics,
    dataset: DatasetRef.nullable(),
    runId: z.string().nullable(),
    pipeline: z.string().nullable(),
    serve: ServeSpec.nullable().optional().describe("how to serve it; null if nobody said"),
  }),
);

export const ModelVersionApproved = defineEvent(
  source,
  "Model Version Approved",
  gyreDetail({
    ...Version,
    artifactUri: S3Uri,
    serve: ServeSpec.nullable().optional().describe("how to serve it; null if nobody said"),
    comment: z.string().nullable(),
    gates: z.array(GateResult),
    dataset: DatasetRef.nullable().optional(),
  }),
);

export const ModelVersionRejected = defineEvent(
  source,
  "Model Version Rejected",
  gyreDetail({ ...Version, comment: z.string(), gates: z.array(GateResult) }),
);

export const ModelAliasChanged = defineEvent(
  source,
  "Model Alias Changed",
  gyreDetail({
    model: z.string(),
    alias: z.string(),
    from: z.number().int().positive().nullable(),
    to: z.number().int().positive().nullable(),
  }),
);

export const ModelVersionCommented = defineEvent(
  source,
  "Model Version Commented",
  gyreDetail({
    ...Version,
    commentId: z.string().describe("`cmt_…`, the comment's id"),
    author: z.string().describe("the token name that wrote it"),
    text: z.string(),
  }),
);
