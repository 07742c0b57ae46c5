import { join } from "node:path";
import type { Target } from "@gyre/core/platform/bus/index";
import { onlyPorts } from "@gyre/core/platform/platform";
import { platformApi, serviceApps } from "@gyre/functions/platform/api";
import type { Make } from "@gyre/functions/shared/handler";
import {
  type Access,
  apisOf,
  callbackOf,
  outboxAccess,
  outboxesOf,
  portsOf,
  type Service,
  subscriptionsOf,
  ticksOf,
} from "@gyre/functions/wiring";
import type { LocalPlatform } from "./local-platform";

export type LoadModule = (path: string) => Promise<{ make?: unknown }>;

/**
 * Wires services onto a local platform from their declarations alone: each subscription
 * becomes a rule on the bus, the timer, schedule and tick callbacks are started, and every API is
 * mounted in one hono app (served by the caller). Each handler gets only the ports its access
 * declares, as its Lambda entry does. The same declarations become AWS resources in stacks/.
 */
export async function mountServices(
  platform: LocalPlatform,
  services: Service[],
  root: string,
  load: LoadModule = (path) => import(join(root, path)),
) {
  const make = async <H>(path: string, rule: string, access: Access | undefined): Promise<H> => {
    const module = await load(path);
    if (typeof module.make !== "function") {
      throw new Error(`${path} does not export make(platform) (${rule})`);
    }
    const declared = onlyPorts(portsOf(access), (port) => platform[port]);
    return (module.make as Make<H>)(declared, { rule });
  };
  for (const subscription of subscriptionsOf(services)) {
    const target = await make<Target>(subscription.handler, subscription.name, subscription.access);
    platform.bus.addRule({ name: subscription.name, pattern: subscription.pattern, target });
  }
  const timer = callbackOf(services, "timer");
  if (timer) {
    const fire = await make<(input: unknown) => Promise<void>>(
      timer.handler,
      "timer",
      timer.access,
    );
    await platform.localTimer.start((runId) => fire({ runId }));
  }
  const schedules = callbackOf(services, "schedules");
  if (schedules) {
    const fire = await make<(input: unknown) => Promise<void>>(
      schedules.handler,
      "schedules",
      schedules.access,
    );
    await platform.localSchedules.start((pipeline, at) =>
      fire({ pipeline, scheduledTime: at.toISOString() }),
    );
  }
  for (const tick of ticksOf(services)) {
    const fire = await make<() => Promise<void>>(tick.handler, tick.name, tick.access);
    platform.localTicks.start(tick.name, fire);
  }
  await platform.resume();
  // Events a crash left in an outbox go out before anything new happens.
  for (const outbox of outboxesOf(services)) {
    const sweep = make<() => Promise<void>>(
      outbox.handler,
      `${outbox.service}-outbox`,
      outboxAccess(outbox.table),
    );
    await (await sweep)();
  }
  const apps = await serviceApps(platform, apisOf(services), async (api) => ({
    make: () => make(api.handler, `${api.service} api`, api.access),
  }));
  const s3 = platform.s3Server && { endpoint: platform.s3Server.endpoint, bucket: platform.bucket };
  return platformApi(apps, { apis: apisOf(services), ...(s3 && { s3 }) });
}

/** Whether any declaration asks for Batch: then the platform starts the local runner. */
export function needsJobs(services: Service[]): boolean {
  return needs(services, "jobs");
}

/** Whether any declaration asks for endpoints: then the platform starts the local model host. */
export function needsEndpoints(services: Service[]): boolean {
  return needs(services, "endpoints");
}

function needs(services: Service[], port: "jobs" | "endpoints"): boolean {
  const accesses = services.flatMap((s) => [
    s.api?.access,
    s.timer?.access,
    s.schedules?.access,
    ...(s.ticks ?? []).map((tick) => tick.access),
    ...(s.subscriptions ?? []).map((sub) => sub.access),
  ]);
  return accesses.some((access) => access?.[port]);
}
