import * as z from "zod";
import { ColumnType } from "./schema";

const Pair = z.object({ a: z.number(), b: z.number() });

export const DriftLevel = z.enum(["none", "moderate", "major"]);

export const ColumnDrift = z.object({
  method: z.enum(["quantile-bins", "categories"]),
  psi: z.number().nonnegative().describe("population stability index of b against a"),
  ks: z.number().min(0).max(1).optional().describe("Kolmogorov-Smirnov distance, numeric columns"),
  level: DriftLevel.describe("psi < 0.1 none, < 0.25 moderate, else major"),
});
export type ColumnDrift = z.infer<typeof ColumnDrift>;

export const ColumnComparison = z.object({
  name: z.string(),
  type: z.object({ a: ColumnType, b: ColumnType }),
  count: Pair,
  missingRate: Pair,
  distinct: Pair,
  mean: Pair.extend({ shift: z.number().describe("(b - a) in units of a's std") }).optional(),
  std: Pair.extend({ ratio: z.number() }).optional(),
  topGained: z.array(z.string()).describe("values in b's top but not in a's"),
  topLost: z.array(z.string()).describe("values in a's top but not in b's"),
  drift: ColumnDrift.optional(),
});
export type ColumnComparison = z.infer<typeof ColumnComparison>;

const NamedType = z.object({ name: z.string(), type: ColumnType });

export const ProfileComparison = z.object({
  rows: Pair,
  added: z.array(NamedType),
  removed: z.array(NamedType),
  typeChanged: z.array(z.object({ name: z.string(), from: ColumnType, to: ColumnType })),
  columns: z.array(ColumnComparison).describe("columns present in both, in a's order"),
});
export type ProfileComparison = z.infer<typeof ProfileComparison>;
