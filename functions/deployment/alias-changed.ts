import * as Deployment from "@gyre/core/deployment/index";
import { Registry } from "@gyre/events";
import { subscriber } from "../shared/subscriber";

/** Model Alias Changed: endpoints that follow the alias roll out the version it names now. */
export const { make, lambda } = subscriber(
  "deployment",
  Registry.ModelAliasChanged,
  async ({ detail }, platform, log) => {
    const started = await Deployment.onAliasChanged(detail, platform);
    log.info("alias changed", {
      model: detail.model,
      alias: detail.alias,
      deployments: started.flatMap((d) => (d ? [d.id] : [])),
    });
  },
);
