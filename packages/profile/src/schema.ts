import { ColumnType as ColumnTypeSchema } from "@gyre/events/datasets";
import { Sha256 } from "@gyre/events/shared";
import * as z from "zod";

export const ColumnType = ColumnTypeSchema;
export type ColumnType = z.infer<typeof ColumnType>;

const KeyCountsJson = z.object({
  start: z.number().int(),
  counts: z.array(z.number().nonnegative()),
});

/** UDDSketch: counts on logarithmic buckets of |value| per sign; see log-histogram.ts. */
export const NumericSketch = z.object({
  level: z.number().int().nonnegative(),
  zero: z.number().nonnegative(),
  positive: KeyCountsJson,
  negative: KeyCountsJson,
});
export type NumericSketch = z.infer<typeof NumericSketch>;

export const ColumnSketch = z.object({
  distinct: z
    .string()
    .describe("HyperLogLog state: `exact:<base64 hashes>` or `hll11:<base64 registers>`"),
  numeric: NumericSketch.optional(),
});
export type ColumnSketch = z.infer<typeof ColumnSketch>;

export const TopValue = z.object({ value: z.string(), count: z.number().int().nonnegative() });
export type TopValue = z.infer<typeof TopValue>;

export const ColumnProfile = z.object({
  name: z.string(),
  type: ColumnType,
  count: z.number().int().nonnegative().describe("non-missing values"),
  missing: z.number().int().nonnegative().describe("empty, null or absent values"),
  distinct: z
    .number()
    .int()
    .nonnegative()
    .describe("distinct values: exact up to 128, else HyperLogLog (±2.3%)"),
  min: z.number().optional().describe("numbers; timestamps as epoch milliseconds"),
  max: z.number().optional(),
  mean: z.number().optional(),
  std: z.number().optional().describe("sample standard deviation (n - 1)"),
  top: z
    .array(TopValue)
    .optional()
    .describe("strings and booleans: most frequent values, counts are lower bounds"),
  sketch: ColumnSketch.optional(),
});
export type ColumnProfile = z.infer<typeof ColumnProfile>;

export const DataFormatSchema = z.enum(["csv", "jsonl", "parquet"]);

export const DataProfile = z.object({
  format: DataFormatSchema,
  rows: z.number().int().nonnegative(),
  columns: z.array(ColumnProfile),
});
export type DataProfile = z.infer<typeof DataProfile>;

export const ScanResult = DataProfile.extend({
  sha256: Sha256,
  bytes: z.number().int().nonnegative(),
});
export type ScanResult = z.infer<typeof ScanResult>;
