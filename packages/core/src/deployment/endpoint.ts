import { ResourceName } from "@gyre/events/shared";
import * as z from "zod";

const Percent = z.object({ type: z.literal("CAPACITY_PERCENT"), value: z.number().gt(0).max(100) });

/** SageMaker's deployment-guardrail vocabulary (BlueGreenUpdatePolicy + TrafficRoutingConfiguration). */
export const Rollout = z
  .strictObject({
    type: z.enum(["ALL_AT_ONCE", "CANARY", "LINEAR"]),
    canarySize: Percent.optional(),
    linearStepSize: Percent.optional(),
    waitIntervalInSeconds: z.number().int().min(0).max(3600).default(300),
    maximumExecutionTimeoutInSeconds: z.number().int().min(1).max(28_800).default(1200),
    terminationWaitInSeconds: z.number().int().min(0).max(3600).default(0),
    shadow: z
      .strictObject({
        percent: z.number().gt(0).max(100),
        durationSeconds: z.number().int().min(1).max(3600),
        maxPredictionDelta: z.number().nonnegative().optional(),
      })
      .optional(),
  })
  .superRefine((rollout, ctx) => {
    if (rollout.type === "CANARY" && !rollout.canarySize)
      ctx.addIssue({ code: "custom", path: ["canarySize"], message: "CANARY needs canarySize" });
    if (rollout.type === "LINEAR" && !rollout.linearStepSize)
      ctx.addIssue({
        code: "custom",
        path: ["linearStepSize"],
        message: "LINEAR needs linearStepSize",
      });
  });
export type Rollout = z.infer<typeof Rollout>;

/** A rollback condition on the new fleet during each bake. */
export const AlarmInput = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/)
    .optional(),
  metric: z.enum(["errorRate", "latencyP99Ms", "invocation5xx"]),
  threshold: z.number().nonnegative(),
  minRequests: z.number().int().min(1).default(10),
});

export const EndpointInput = z.strictObject({
  // SageMaker names it gyre-<name>, and each config gyre-<name>-v<version>-<8>, within 63 characters.
  name: ResourceName.refine((name) => name.length <= 40, "at most 40 characters"),
  model: ResourceName,
  /** `approved`: every newly approved version rolls out; `{alias}`: the version the alias points at. */
  deployOn: z
    .union([z.literal("approved"), z.strictObject({ alias: z.string().min(1) })])
    .default("approved"),
  promoteAlias: z.string().min(1).nullable().default("champion"),
  instanceType: z.string().min(1).default("ml.m5.large"),
  instanceCount: z.number().int().min(1).max(10).default(1),
  autoscaling: z
    .strictObject({
      min: z.number().int().min(1),
      max: z.number().int().min(1),
      targetInvocationsPerInstance: z.number().positive(),
    })
    .optional(),
  rollout: Rollout.default({
    type: "CANARY",
    canarySize: { type: "CAPACITY_PERCENT", value: 10 },
    waitIntervalInSeconds: 300,
    maximumExecutionTimeoutInSeconds: 1200,
    terminationWaitInSeconds: 0,
  }),
  alarms: z.array(AlarmInput).max(10).default([]),
  dataCapture: z
    .strictObject({
      enabled: z.boolean().default(true),
      samplingPercent: z.number().int().min(0).max(100).default(100),
    })
    .default({ enabled: true, samplingPercent: 100 }),
});
export type EndpointInput = z.input<typeof EndpointInput>;

export const Serving = z.object({
  version: z.number().int().positive(),
  configName: z.string(),
  deploymentId: z.string(),
  since: z.string(),
});

export const Endpoint = z.object(EndpointInput.shape).extend({
  alarms: z.array(AlarmInput.required({ name: true })),
  status: z.enum(["active", "deleted"]),
  /** What serves now; null before the first deployment succeeds. */
  serving: Serving.nullable(),
  /** The rollout in progress (never two on one endpoint). */
  currentDeploymentId: z.string().nullable(),
  /** Approved while a rollout ran: the newest waits its turn. */
  queuedVersion: z.number().int().positive().nullable(),
  /** The highest version an approval has asked for: an older approval arriving late starts nothing. */
  highestRequested: z.number().int().nonnegative(),
  lastDeploymentId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  revision: z.number().int().nonnegative(),
});
export type Endpoint = z.infer<typeof Endpoint>;
