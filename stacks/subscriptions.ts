import { compilePattern } from "@gyre/core/platform/pattern/index";
import type { Access, Subscription } from "../functions/wiring";
import type { GyreBus } from "./bus";
import { type DeployedFunction, type FunctionContext, makeFunction, pascal } from "./functions";

/** Gyre's delivery policy on AWS: EventBridge's own defaults, written down; then the DLQ. */
export const deliveryRetry = { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 24 * 60 * 60 };

/** One rule per subscription, with exactly its pattern, targeting that subscription's function. */
export function gyreSubscriptions(
  subscriptions: Subscription[],
  bus: GyreBus,
  context: FunctionContext,
) {
  assertUniqueNames(subscriptions);
  return subscriptions.map((subscription) => {
    const fn = makeFunction(context, {
      name: `${pascal(subscription.name)}Handler`,
      service: subscription.service,
      module: subscription.handler,
      access: withDeadLetters(subscription.access ?? {}),
      timeoutSeconds: 60,
      resources: subscription.resources,
      invokedAsync: true,
    });
    return busRule(subscription.name, subscription.pattern, fn, bus);
  });
}

/** A rule on the Gyre bus delivering to a function, with the retry policy and the DLQ. */
export function busRule(
  name: string,
  pattern: object,
  fn: DeployedFunction,
  { bus, deadLetters }: GyreBus,
) {
  compilePattern(pattern);
  const resource = pascal(name);
  const rule = new aws.cloudwatch.EventRule(`${resource}Rule`, {
    name,
    eventBusName: bus.name,
    eventPattern: JSON.stringify(pattern),
  });
  new aws.cloudwatch.EventTarget(`${resource}Target`, {
    rule: rule.name,
    eventBusName: bus.name,
    arn: fn.arn,
    retryPolicy: deliveryRetry,
    deadLetterConfig: { arn: deadLetters.arn },
  });
  new aws.lambda.Permission(`${resource}Invoke`, {
    action: "lambda:InvokeFunction",
    function: fn.name,
    principal: "events.amazonaws.com",
    sourceArn: rule.arn,
  });
  return rule;
}

function assertUniqueNames(subscriptions: Subscription[]): void {
  const seen = new Set<string>();
  for (const { name } of subscriptions) {
    if (seen.has(name) || seen.has(pascal(name)))
      throw new Error(`Two subscriptions are named ${name}.`);
    seen.add(name);
    seen.add(pascal(name));
  }
}

/** A subscriber puts an event its schema rejects in the dead letters (the events table) itself. */
function withDeadLetters(access: Access): Access {
  const events = access.tables?.events;
  const mode = events === "read" || events === "read-write" ? "read-write" : "write";
  return { ...access, tables: { ...access.tables, events: mode } };
}
