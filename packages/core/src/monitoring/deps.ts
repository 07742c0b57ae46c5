import type { Platform } from "../platform/platform";

/** What monitoring reaches: its table, the bus, and the bucket (capture files, baselines, window data). */
export type MonitoringDeps = Pick<Platform, "state" | "bus" | "objects">;

export type MonitoringReads = Pick<Platform, "state">;
