import { datasets } from "./datasets/service";
import { deployment } from "./deployment/service";
import { archiver, deadLetterReader, events } from "./events/service";
import { monitoring } from "./monitoring/service";
import { platform } from "./platform/service";
import { registry } from "./registry/service";
import { training } from "./training/service";
import { type Access, apisOf, outboxesOf, subscriptionsOf, ticksOf } from "./wiring";

/** Every Gyre service, once: stacks/, the local runtime and the events docs all read this list. */
export const services = [platform, events, datasets, training, registry, deployment, monitoring];

export const apis = apisOf(services);
export const subscriptions = subscriptionsOf(services);
export const ticks = ticksOf(services);
export const outboxes = outboxesOf(services);

/**
 * Every module stacks/ deploys as a Lambda function, once, with the access its entry is
 * generated from: the services' APIs, subscriptions, ticks and callbacks, and the events
 * service's AWS-only archiver and dead-letter reader.
 */
export function lambdaModules(): { module: string; access: Access }[] {
  const declared = [
    ...apis,
    ...subscriptions,
    ...ticks,
    ...services.flatMap((s) => [s.timer, s.schedules]),
    archiver,
    deadLetterReader,
  ];
  const byModule = new Map<string, Access>();
  for (const fn of declared) if (fn) byModule.set(fn.handler, fn.access ?? {});
  return [...byModule].map(([module, access]) => ({ module, access }));
}
