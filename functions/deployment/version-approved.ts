import * as Deployment from "@gyre/core/deployment/index";
import { Registry } from "@gyre/events";
import { subscriber } from "../shared/subscriber";

/** Model Version Approved: endpoints that deploy on approval roll the version out. */
export const { make, lambda } = subscriber(
  "deployment",
  Registry.ModelVersionApproved,
  async ({ detail }, platform, log) => {
    const started = await Deployment.onVersionApproved(detail, platform);
    log.info("version approved", {
      model: detail.model,
      version: detail.version,
      deployments: started.flatMap((d) =>
        d ? [{ id: d.id, endpoint: d.endpoint, status: d.status }] : [],
      ),
    });
  },
);
