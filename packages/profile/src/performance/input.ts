import * as z from "zod";

/** Bad input to a performance function; `code` is dotted, `kind` maps to HTTP 400 upstream. */
export class PerformanceInputRejected extends Error {
  readonly kind = "input";

  constructor(
    readonly code: "performance.invalid_input" | "performance.length_mismatch",
    message: string,
  ) {
    super(message);
    this.name = "PerformanceInputRejected";
  }
}

export const BinaryLabel = z.union([z.literal(0), z.literal(1), z.boolean()], {
  error: "expected 0, 1, true or false",
});
/** A predicted probability of class 1. */
export const Probability = z
  .number({ error: "expected a probability, a number in [0, 1]" })
  .min(0, { error: "expected a probability in [0, 1]" })
  .max(1, { error: "expected a probability in [0, 1]" });
export const Scores = z.array(Probability);
/** zod 4 numbers are finite: NaN and ±Infinity are refused. */
export const FiniteNumber = z.number({ error: "expected a finite number" });

export const ClassificationInput = z.object({
  kind: z.literal("classification"),
  labels: z.array(BinaryLabel),
  scores: Scores,
});
export const RegressionInput = z.object({
  kind: z.literal("regression"),
  /** The true values. */
  labels: z.array(FiniteNumber),
  /** The model's predictions. */
  scores: z.array(FiniteNumber),
});
export const PerformanceInput = z.discriminatedUnion("kind", [
  ClassificationInput,
  RegressionInput,
]);
export type PerformanceInput = z.input<typeof PerformanceInput>;

/** Parses with `schema`, turning the first problem into a PerformanceInputRejected. */
export function parsed<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  const where = issue.path.length > 0 ? `${formatPath(issue.path)}: ` : "";
  throw new PerformanceInputRejected("performance.invalid_input", `${where}${issue.message}`);
}

/** Labels and scores pair up row by row, so their lengths must agree. */
export function sameLength(labels: readonly unknown[], scores: readonly unknown[]): void {
  if (labels.length === scores.length) return;
  throw new PerformanceInputRejected(
    "performance.length_mismatch",
    `${labels.length} labels but ${scores.length} scores`,
  );
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, k) => (typeof key === "number" ? `[${key}]` : `${k > 0 ? "." : ""}${String(key)}`))
    .join("");
}
