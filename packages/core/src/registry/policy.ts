import * as z from "zod";
import type { GateResult } from "./model";

export const GateOp = z.enum([">=", ">", "<=", "<", "==", "!="]);

export const MetricGate = z.strictObject({
  metric: z.string().min(1),
  op: GateOp,
  threshold: z.number(),
});

export const Policy = z.strictObject({
  gates: z.array(MetricGate).max(20).default([]),
  mustBeatChampion: z
    .strictObject({
      metric: z.string().min(1),
      minDelta: z.number().default(0),
      direction: z
        .enum(["higher", "lower"])
        .default("higher")
        .describe("which way is better for this metric"),
    })
    .nullable()
    .default(null),
  requiredApprovals: z.number().int().min(1).max(10).default(1),
  autoApprove: z.boolean().default(false),
});
export type Policy = z.infer<typeof Policy>;
export type PolicyInput = z.input<typeof Policy>;

export const DEFAULT_POLICY: Policy = Policy.parse({});

const compare: Record<z.infer<typeof GateOp>, (a: number, b: number) => boolean> = {
  ">=": (a, b) => a >= b,
  ">": (a, b) => a > b,
  "<=": (a, b) => a <= b,
  "<": (a, b) => a < b,
  "==": (a, b) => a === b,
  "!=": (a, b) => a !== b,
};

/** Every gate of the policy on these metrics; a metric the version lacks fails its gate. */
export function evaluateGates(
  policy: Policy,
  metrics: Record<string, number>,
  champion: { version: number; metrics: Record<string, number> } | null,
): GateResult[] {
  const results: GateResult[] = policy.gates.map(({ metric, op, threshold }) => {
    const actual = metrics[metric] ?? null;
    return {
      gate: `${metric} ${op} ${threshold}`,
      passed: actual !== null && compare[op](actual, threshold),
      actual,
    };
  });
  const beat = policy.mustBeatChampion;
  if (beat) {
    const actual = metrics[beat.metric] ?? null;
    const best = champion?.metrics[beat.metric];
    const sign = beat.direction === "higher" ? 1 : -1;
    const passed =
      actual !== null && (best === undefined || sign * (actual - best) >= beat.minDelta);
    const against = champion ? `champion v${champion.version}` : "champion (none yet)";
    results.push({
      gate: `beats ${against} on ${beat.metric} by ${beat.minDelta} (${beat.direction} is better)`,
      passed,
      actual,
    });
  }
  return results;
}
