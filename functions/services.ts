import { datasets } from "./datasets/service";
import { deployment } from "./deployment/service";
import { events } from "./events/service";
import { monitoring } from "./monitoring/service";
import { platform } from "./platform/service";
import { registry } from "./registry/service";
import { training } from "./training/service";
import { apisOf, outboxesOf, subscriptionsOf, ticksOf } from "./wiring";

/** Every Gyre service, once: stacks/, the local runtime and the events docs all read this list. */
export const services = [platform, events, datasets, training, registry, deployment, monitoring];

export const apis = apisOf(services);
export const subscriptions = subscriptionsOf(services);
export const ticks = ticksOf(services);
export const outboxes = outboxesOf(services);
