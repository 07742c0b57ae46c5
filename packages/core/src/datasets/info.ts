import { ColumnType } from "@gyre/events/datasets";
import * as z from "zod";

export const VersionStatus = z.enum(["ready", "rejected", "deleted"]);
export type VersionStatus = z.infer<typeof VersionStatus>;

export const Column = z.object({ name: z.string(), type: ColumnType });

export const VersionInfo = z.object({
  dataset: z.string(),
  version: z.number().int().positive(),
  status: VersionStatus,
  sha256: z.string(),
  bytes: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative().nullable(),
  format: z.enum(["csv", "jsonl", "parquet"]).nullable(),
  columns: z.array(Column),
  uri: z.string(),
  etag: z.string(),
  files: z.number().int().positive().describe("1, or the number of files in a multi-file version"),
  createdAt: z.string(),
  reason: z.string().optional().describe("why it was rejected"),
  deletedAt: z.string().optional(),
});
export type VersionInfo = z.infer<typeof VersionInfo>;

export const DatasetSummary = z.object({
  name: z.string(),
  versions: z.number().int().nonnegative(),
  latest: VersionInfo.nullable(),
});
export type DatasetSummary = z.infer<typeof DatasetSummary>;
