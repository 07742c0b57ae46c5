import type { Platform } from "../platform/platform";

/**
 * What monitoring reaches: its table, the bus, the bucket (capture files, baselines, window
 * data), and, where the platform has them, the endpoints' own request and latency figures.
 */
export type MonitoringDeps = Pick<Platform, "state" | "bus" | "objects"> &
  Partial<Pick<Platform, "endpoints">>;

export type MonitoringReads = Pick<Platform, "state">;
