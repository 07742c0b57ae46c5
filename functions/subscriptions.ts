/**
 * Every rule on the bus: which events each service's functions receive.
 * The local runtime and stacks/ both read this list; the events docs derive
 * each event's consumers from it.
 */
export interface Subscription {
  /** The rule name, unique on the bus. */
  name: string;
  service: "datasets" | "training" | "registry" | "deployment" | "monitoring";
  /** An EventBridge event pattern. */
  pattern: Record<string, unknown>;
  /** Path of the handler module from the repository root; it exports `handler`. */
  handler: string;
}

export const subscriptions: Subscription[] = [];
