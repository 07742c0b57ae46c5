import * as z from "zod";
import { defineEvent, gyreDetail } from "./define";

export const source = "gyre.deployment";

const Deployment = {
  deploymentId: z.string().describe("dep_<ULID>"),
  endpoint: z.string(),
  model: z.string(),
  version: z.number().int().positive(),
};

/** The alarm or check that stopped a rollout, and the numbers it saw. */
export const Tripped = z.object({
  check: z
    .string()
    .describe("an alarm name, `preflight`, `timeout`, `sagemaker`, `manual`, `restart`"),
  metric: z.string().nullable(),
  threshold: z.number().nullable(),
  observed: z.number().nullable(),
  requests: z.number().int().nullable(),
});

export const DeploymentStarted = defineEvent(
  source,
  "Deployment Started",
  gyreDetail({
    ...Deployment,
    previousVersion: z.number().int().positive().nullable(),
    strategy: z.object({
      type: z.enum(["canary", "linear", "all-at-once"]),
      canaryPercent: z.number().min(0).max(100).optional(),
      bakeSeconds: z.number().int().nonnegative().optional(),
    }),
  }),
);

export const DeploymentSucceeded = defineEvent(
  source,
  "Deployment Succeeded",
  gyreDetail({
    ...Deployment,
    dataset: z.object({ name: z.string(), version: z.number() }).nullable(),
    promoteAlias: z.string().nullable().optional().describe("the alias the registry moves to it"),
  }),
);

export const DeploymentFailed = defineEvent(
  source,
  "Deployment Failed",
  gyreDetail({ ...Deployment, reason: z.string(), tripped: Tripped.optional() }),
);

export const DeploymentRolledBack = defineEvent(
  source,
  "Deployment Rolled Back",
  gyreDetail({
    ...Deployment,
    restoredVersion: z.number().int().positive().nullable(),
    reason: z.string().describe("the alarm or check that triggered the rollback"),
    tripped: Tripped.optional(),
    promoteAlias: z.string().nullable().optional().describe("the alias the registry moves back"),
  }),
);
