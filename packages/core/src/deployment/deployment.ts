import { Tripped } from "@gyre/events/deployment";
import * as z from "zod";

export const DeploymentStatus = z.enum(["InProgress", "Succeeded", "Failed", "RolledBack"]);

export const VariantReading = z.object({
  variant: z.string(),
  version: z.number().int(),
  weight: z.number(),
  requests: z.number().int().nullable(),
  errorRate: z.number().nullable(),
  latencyP99Ms: z.number().nullable(),
});

/** One moment of a rollout: what the endpoint reported, the weights, and both fleets' numbers. */
export const Step = z.object({
  at: z.string(),
  status: z.string().describe("the endpoint's status, or a Gyre step such as `preflight`"),
  message: z.string().nullable(),
  variants: z.array(VariantReading),
  /**
   * While part of the traffic has shifted to the new fleet: when the bake after this shift
   * ends (the step's time plus the rollout's waitIntervalInSeconds), for a countdown.
   */
  bakeEndsAt: z.string().nullable().default(null),
});
export type Step = z.infer<typeof Step>;

export const Deployment = z.object({
  id: z.string().describe("dep_<ULID>"),
  endpoint: z.string(),
  model: z.string(),
  version: z.number().int().positive(),
  previousVersion: z.number().int().positive().nullable(),
  trigger: z.enum(["approved", "alias", "manual", "rollback"]),
  status: DeploymentStatus,
  configName: z.string(),
  reason: z.string().nullable(),
  tripped: Tripped.nullable(),
  steps: z.array(Step),
  /** Set once the endpoint host accepted the change: only then do endpoint events judge it. */
  acceptedAt: z.string().nullable(),
  /** For a rollback: the deployment it rolls back. */
  rollbackOf: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  cause: z.object({
    actor: z.string(),
    correlationId: z.string(),
    causationId: z.string().nullable(),
  }),
  revision: z.number().int().nonnegative(),
});
export type Deployment = z.infer<typeof Deployment>;

export const TERMINAL = new Set(["Succeeded", "Failed", "RolledBack"]);
