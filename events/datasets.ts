import * as z from "zod";
import { defineEvent, gyreDetail } from "./define";
import { IsoTime, S3Uri, Sha256 } from "./shared";

export const source = "gyre.datasets";

export const ColumnType = z.enum(["number", "integer", "boolean", "string", "timestamp"]);

export const DatasetVersionCreated = defineEvent(
  source,
  "Dataset Version Created",
  gyreDetail({
    dataset: z.string(),
    version: z.number().int().positive(),
    sha256: Sha256,
    bytes: z.number().int().nonnegative(),
    uri: S3Uri,
    etag: z.string(),
    format: z.enum(["csv", "jsonl", "parquet"]),
    rows: z.number().int().nonnegative(),
    columns: z.array(z.object({ name: z.string(), type: ColumnType })),
    createdAt: IsoTime,
  }),
);

export const DatasetVersionRejected = defineEvent(
  source,
  "Dataset Version Rejected",
  gyreDetail({
    dataset: z.string(),
    version: z.number().int().positive(),
    uri: S3Uri,
    reason: z.string().describe("what is wrong and where, e.g. `line 7: expected 5 fields, got 4`"),
  }),
);
