import type { AlarmRule, RolloutPolicy } from "@gyre/core/platform/endpoints/port";
import type { Fleet } from "./fleet";

/** The new fleet's share after each shift, in percent: SageMaker's traffic routing, step by step. */
export function shiftsOf(rollout: RolloutPolicy): number[] {
  if (rollout.type === "CANARY") return [Math.min(100, rollout.canarySize?.value ?? 10), 100];
  if (rollout.type === "LINEAR") {
    const step = rollout.linearStepSize?.value ?? 10;
    const shifts: number[] = [];
    for (let share = step; share < 100; share += step) shifts.push(Math.round(share * 100) / 100);
    return [...shifts, 100];
  }
  return [100];
}

export class Cancelled extends Error {}

/**
 * Watches the new fleet for one bake: the first alarm in ALARM (enough requests, the metric
 * over its threshold) or the rollout's deadline ends it with a reason that names the numbers.
 */
export async function bake(
  green: Fleet,
  alarms: AlarmRule[],
  seconds: number,
  deadline: number,
  cancelled: () => boolean,
): Promise<string | undefined> {
  const from = Date.now();
  for (;;) {
    if (cancelled()) throw new Cancelled();
    const tripped = alarmInAlarm(green, alarms, from);
    if (tripped) return tripped;
    if (Date.now() > deadline)
      return "timeout: the update ran past maximumExecutionTimeoutInSeconds";
    if (Date.now() - from >= seconds * 1000) return undefined;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function alarmInAlarm(green: Fleet, alarms: AlarmRule[], from: number): string | undefined {
  const stats = green.stats.since(from);
  for (const alarm of alarms) {
    if (stats.requests < alarm.minRequests) continue;
    const value =
      alarm.metric === "errorRate"
        ? stats.errorRate
        : alarm.metric === "latencyP99Ms"
          ? stats.latencyP99Ms
          : stats.errors5xx;
    if (value > alarm.threshold) {
      const shown = Math.round(value * 1000) / 1000;
      return `alarm ${alarm.name}: ${alarm.metric} ${shown} > ${alarm.threshold} over ${stats.requests} requests`;
    }
  }
  return undefined;
}
