import * as Deployment from "@gyre/core/deployment/index";
import { Registry } from "@gyre/events";
import { subscriber } from "../shared/subscriber";

/** Model Version Registered: deployment's own record of the version (artifact, dataset, serving). */
export const { make, lambda } = subscriber(
  "deployment",
  Registry.ModelVersionRegistered,
  async ({ detail }, platform) => {
    await Deployment.onVersionRegistered(detail, platform);
  },
);
