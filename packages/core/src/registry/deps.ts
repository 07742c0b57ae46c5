import type { Platform } from "../platform/platform";

/** What the registry reaches: its table and the bus (a version records its artifact's URI, never its bytes). */
export type RegistryDeps = Pick<Platform, "state" | "bus">;

/** What reads need: the table only. */
export type RegistryReads = Pick<Platform, "state">;
