import * as z from "zod";
import type { CbpeSums } from "./cbpe";
import type { ClassificationCounts } from "./classification";
import type { ScoreHistogram } from "./histogram";
import type { RegressionSums } from "./regression";

const Count = z.number().int().nonnegative();
const Sum = z.number().nonnegative();

/** Schemas for the mergeable states, to parse them back when read from storage. */
export const ClassificationCountsSchema = z.object({
  n: Count,
  tp: Count,
  fp: Count,
  tn: Count,
  fn: Count,
  logLossSum: Sum,
}) satisfies z.ZodType<ClassificationCounts>;

export const RegressionSumsSchema = z.object({
  n: Count,
  squaredError: Sum,
  absoluteError: Sum,
}) satisfies z.ZodType<RegressionSums>;

export const CbpeSumsSchema = z.object({
  n: Count,
  confidence: Sum,
  expectedTp: Sum,
  expectedFp: Sum,
  expectedFn: Sum,
}) satisfies z.ZodType<CbpeSums>;

export const ScoreHistogramSchema = z
  .object({ bins: z.number().int().positive(), positive: z.array(Sum), negative: z.array(Sum) })
  .refine((h) => h.positive.length === h.bins && h.negative.length === h.bins, {
    error: "positive and negative need one weight per bin",
  }) satisfies z.ZodType<ScoreHistogram>;
