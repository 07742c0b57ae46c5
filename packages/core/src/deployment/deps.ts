import type { Platform } from "../platform/platform";

/** What the deployment service reaches: its table, the bus, the bucket's name and the endpoints. */
export type DeploymentDeps = Pick<Platform, "state" | "bus" | "endpoints">;

/** What reads need: the table only. */
export type DeploymentReads = Pick<Platform, "state">;
