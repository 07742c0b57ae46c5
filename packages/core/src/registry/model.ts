import { Registry } from "@gyre/events";
import { ResourceName, ServeSpec, Sha256 } from "@gyre/events/shared";
import * as z from "zod";

export const ModelName = ResourceName;
export const AliasName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, "lowercase letters, digits and '-', starting with a letter");
export const VersionNumber = z.coerce.number().int().positive();

export const ModelVersionStatus = Registry.ModelVersionStatus;
export type ModelVersionStatus = z.infer<typeof ModelVersionStatus>;
export const GateResult = Registry.GateResult;
export type GateResult = z.infer<typeof GateResult>;

export const DatasetLineage = z.object({
  name: z.string(),
  version: z.number().int().positive(),
  sha256: Sha256,
});

export const ModelVersion = z.object({
  model: ModelName,
  version: z.number().int().positive(),
  status: ModelVersionStatus,
  artifactUri: z.string(),
  metrics: z.record(z.string(), z.number()),
  dataset: DatasetLineage.nullable(),
  runId: z.string().nullable(),
  /** The monitoring report whose drift caused the run that made it, if drift did. */
  driftReportId: z.string().nullable().default(null),
  pipeline: z.string().nullable(),
  image: z.string().nullable(),
  command: z.array(z.string()).nullable(),
  serve: ServeSpec.nullable().default(null).describe("how to serve it (the pipeline's `serve`)"),
  hyperparameters: z.record(z.string(), z.unknown()),
  description: z.string().nullable(),
  gates: z.array(GateResult).describe("the policy's gates as evaluated at registration"),
  approvals: z.array(z.string()).describe("the distinct actors who approved it"),
  reason: z.string().nullable().describe("why it was rejected (a comment or the failed gates)"),
  registeredBy: z.string(),
  correlationId: z
    .string()
    .nullable()
    .default(null)
    .describe("the trip round the loop that made it: a decision about it continues that trip"),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Bumped on every write; writes are conditional on it (optimistic concurrency). */
  revision: z.number().int(),
});
export type ModelVersion = z.infer<typeof ModelVersion>;

export const Model = z.object({
  name: ModelName,
  latestVersion: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Model = z.infer<typeof Model>;

export const Alias = z.object({
  model: ModelName,
  alias: AliasName,
  version: z.number().int().positive(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Alias = z.infer<typeof Alias>;

export const RegisterInput = z.object({
  artifactUri: z.string().regex(/^s3:\/\/[^/]+\/.+/, "must be an s3://bucket/key URI"),
  metrics: z.record(z.string(), z.number()),
  dataset: DatasetLineage.optional(),
  runId: z.string().min(1).optional(),
  description: z.string().max(2000).optional(),
  hyperparameters: z.record(z.string(), z.unknown()).optional(),
  serve: ServeSpec.optional(),
});
export type RegisterInput = z.infer<typeof RegisterInput>;

/** A deployment of a version, as the registry heard of it (Deployment Succeeded / Rolled Back). */
export const VersionDeployment = z.object({
  deploymentId: z.string(),
  endpoint: z.string(),
  outcome: z.enum(["Succeeded", "RolledBack"]),
  at: z.string(),
  reason: z.string().nullable().describe("why it was rolled back"),
  restoredVersion: z.number().int().positive().nullable(),
});
export type VersionDeployment = z.infer<typeof VersionDeployment>;
