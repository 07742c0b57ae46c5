import { datasetsSubscriptions } from "../stacks/datasets";
import { registrySubscriptions } from "../stacks/registry";
import { trainingSubscriptions } from "../stacks/training-wiring";
import type { Access } from "./apis";

/**
 * Every rule on the bus: which events each service's functions receive.
 * Each service declares its own in stacks/<service>.ts; the local runtime and
 * stacks/ both read this list, and the events docs derive consumers from it.
 */
export interface Subscription {
  /** The rule name, unique on the bus. */
  name: string;
  service: "datasets" | "training" | "registry" | "deployment" | "monitoring";
  /** An EventBridge event pattern. */
  pattern: Record<string, unknown>;
  /** Path of the handler module from the repository root; it exports `handler`. */
  handler: string;
  /** What the handler may do on AWS (its IAM policy); nothing when left out. */
  access?: Access;
}

export const subscriptions: Subscription[] = [
  ...datasetsSubscriptions,
  ...trainingSubscriptions,
  ...registrySubscriptions,
];
