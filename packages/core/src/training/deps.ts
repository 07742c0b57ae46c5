import type { Platform } from "../platform/platform";

/** What training reaches: its table, the bus, the bucket, Batch, the debounce timer and schedules. */
export type TrainingDeps = Pick<
  Platform,
  "state" | "bus" | "objects" | "jobs" | "timer" | "schedules"
>;

/** What reads need: the table only. */
export type TrainingReads = Pick<Platform, "state">;
