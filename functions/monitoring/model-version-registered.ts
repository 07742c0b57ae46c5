import * as Monitoring from "@gyre/core/monitoring/index";
import { Registry } from "@gyre/events";
import { subscriber } from "../shared/subscriber";

/** Model Version Registered: the version's training metrics, for live performance to stand beside. */
export const { make, lambda } = subscriber(
  "monitoring",
  Registry.ModelVersionRegistered,
  async ({ detail }, platform) => {
    await Monitoring.onVersionRegistered(detail, platform);
  },
);
