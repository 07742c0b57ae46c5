import { z } from "zod";

export const S3Uri = z
  .string()
  .regex(/^s3:\/\/[^/]+\/.+/, "must be an s3://bucket/key URI")
  .describe("s3://bucket/key");

export const DatasetRef = z.object({
  name: z.string(),
  version: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const Metrics = z
  .record(z.string(), z.number())
  .describe("flat metric name → number, as written to metrics.json");

export const Hyperparameters = z.record(z.string(), z.unknown());

export const IsoTime = z.iso.datetime({ offset: true });
