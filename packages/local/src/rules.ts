import { join } from "node:path";
import type { Rule, Target } from "@gyre/core/platform/bus/index";
import type { Subscription } from "@gyre/functions/subscriptions";

export type LoadModule = (path: string) => Promise<{ handler?: unknown }>;

/** The bus rules for a subscription list: the same list stacks/ turns into EventBridge rules. */
export async function rulesFromSubscriptions(
  subscriptions: Subscription[],
  root: string,
  load: LoadModule = (path) => import(path),
): Promise<Rule[]> {
  return Promise.all(
    subscriptions.map(async (subscription) => {
      const module = await load(join(root, subscription.handler));
      if (typeof module.handler !== "function") {
        throw new Error(
          `${subscription.handler} does not export a handler function (rule ${subscription.name})`,
        );
      }
      return {
        name: subscription.name,
        pattern: subscription.pattern,
        target: module.handler as Target,
      };
    }),
  );
}
