import * as z from "zod";
import { NumericSketch } from "../../schema";
import { MAX_CATEGORIES } from "./categories";
import type { DatasetSketchJson } from "./dataset";
import type { FeatureSketchJson } from "./feature";
import { EXACT_VALUES } from "./numeric";

const Count = z.number().int().nonnegative();

/** A FeatureSketch's JSON, to check what comes back from storage before `FeatureSketch.fromJSON`. */
export const FeatureSketchSchema = z.object({
  missing: Count,
  numeric: z.object({
    count: Count,
    mean: z.number(),
    m2: z.number(),
    min: z.number().nullable(),
    max: z.number().nullable(),
    integers: z.boolean(),
    values: z.array(z.number()).max(EXACT_VALUES).optional(),
    histogram: NumericSketch.optional(),
  }),
  categories: z.object({
    total: Count,
    counts: z.array(z.tuple([z.string().max(400), Count])).max(MAX_CATEGORIES),
  }),
});

export const DatasetSketchSchema = z.object({
  rows: Count,
  features: z.record(z.string(), FeatureSketchSchema),
});

/** Parses stored JSON; throws a ZodError naming the first field that is wrong. */
export function parseFeatureSketch(json: unknown): FeatureSketchJson {
  return FeatureSketchSchema.parse(json) as FeatureSketchJson;
}

export function parseDatasetSketch(json: unknown): DatasetSketchJson {
  return DatasetSketchSchema.parse(json) as DatasetSketchJson;
}
