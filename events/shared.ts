import * as z from "zod";

export const S3Uri = z
  .string()
  .regex(/^s3:\/\/[^/]+\/.+/, "must be an s3://bucket/key URI")
  .describe("s3://bucket/key");

/** The hex SHA-256 of some bytes: 64 lowercase hex digits, as `sha256sum` prints it. */
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, "64 lowercase hex digits (a SHA-256)");

/** A pipeline, model or endpoint name: it goes into ARNs, schedule names and URLs. */
export const ResourceName = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    "lowercase letters, digits and '-', starting with a letter or digit (at most 63)",
  );

/** A dataset name: the folder under `datasets/` in the bucket. */
export const DatasetName = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,99}$/,
    "lowercase letters, digits, '.', '_' or '-', starting with a letter or digit (at most 100)",
  );

/** A prefixed ULID such as `run_01J...` (see newId in the core kernel). */
export const prefixedId = (prefix: string) =>
  z
    .string()
    .regex(
      new RegExp(`^${prefix}_[0-9A-Z]{26}$`),
      `a ${prefix} id: ${prefix}_ followed by 26 characters`,
    );

export const DatasetRef = z.object({
  name: z.string(),
  version: z.number().int().positive(),
  sha256: Sha256,
});

export const Metrics = z
  .record(z.string(), z.number())
  .describe("flat metric name → number, as written to metrics.json");

export const Hyperparameters = z.record(z.string(), z.unknown());

/** How a model version is served, by SageMaker's container contract (docs/serving.md). */
export const ServeSpec = z.object({
  image: z
    .string()
    .min(1)
    .describe("the model server's image: SageMaker runs it as `<image> serve`"),
  local: z
    .object({ command: z.array(z.string()).min(1) })
    .optional()
    .describe("how the local model host starts it instead, from the repository root"),
  environment: z
    .record(
      z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name"),
      z.string(),
    )
    .optional()
    .describe("added to the server's environment (SageMaker's ContainerDefinition.Environment)"),
});

export const IsoTime = z.iso.datetime({ offset: true });
