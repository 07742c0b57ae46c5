import type { Platform } from "../platform/platform";

/** What the datasets service reaches: its table, the bus and the bucket (read, and write under profiles/). */
export type DatasetsDeps = Pick<Platform, "state" | "bus" | "objects"> & {
  /** The clock claims are timed on (tests move it). */
  now?: () => Date;
};

/** What reads need: the table, and the bucket for profiles too large for an item. */
export type DatasetReads = Pick<Platform, "state" | "objects">;
