import { z } from "zod";
import { defineEvent, gyreDetail } from "./define";

export const source = "gyre.deployment";

const Deployment = {
  deploymentId: z.string().describe("dep_<ULID>"),
  endpoint: z.string(),
  model: z.string(),
  version: z.number().int().positive(),
};

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
  }),
);

export const DeploymentFailed = defineEvent(
  source,
  "Deployment Failed",
  gyreDetail({ ...Deployment, reason: z.string() }),
);

export const DeploymentRolledBack = defineEvent(
  source,
  "Deployment Rolled Back",
  gyreDetail({
    ...Deployment,
    restoredVersion: z.number().int().positive().nullable(),
    reason: z.string().describe("the alarm or check that triggered the rollback"),
  }),
);
