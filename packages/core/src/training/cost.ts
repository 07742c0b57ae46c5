import type { Run } from "./run";

/**
 * On-demand list prices (us-east-1, USD per hour) Gyre uses to estimate a run's cost:
 * per vCPU and per GiB of memory as Fargate/EC2 general-purpose capacity is priced,
 * and per GPU as a g5 (A10G) instance's share. Spot is estimated at 35% of on-demand.
 */
export const PRICES = {
  cpu: { vcpuHour: 0.04048, gibHour: 0.004445, gpuHour: 0 },
  "gpu-ondemand": { vcpuHour: 0.04048, gibHour: 0.004445, gpuHour: 1.006 },
  "gpu-spot": { vcpuHour: 0.04048 * 0.35, gibHour: 0.004445 * 0.35, gpuHour: 1.006 * 0.35 },
} as const;

/** resources × time × price, summed over attempts that ran. */
export function estimateCost(run: Pick<Run, "queue" | "resources" | "attempts">): number {
  const price = PRICES[run.queue];
  const hours = run.attempts.reduce((sum, a) => {
    if (!a.startedAt) return sum;
    const stopped = a.stoppedAt ? Date.parse(a.stoppedAt) : Date.now();
    return sum + Math.max(0, stopped - Date.parse(a.startedAt)) / 3_600_000;
  }, 0);
  const { vcpus, memoryMiB, gpus } = run.resources;
  const perHour =
    vcpus * price.vcpuHour + (memoryMiB / 1024) * price.gibHour + gpus * price.gpuHour;
  return Math.round(hours * perHour * 1_000_000) / 1_000_000;
}
