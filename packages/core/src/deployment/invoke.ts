import type { InvokeRequest, InvokeResponse } from "../platform/endpoints/port";
import { VisibleError } from "../platform/errors";
import type { DeploymentDeps } from "./deps";
import { activeEndpoint } from "./endpoints";

/** POST /endpoints/{name}/invocations: the request goes to the endpoint as it is, whatever its type. */
export async function invoke(
  name: string,
  request: InvokeRequest,
  deps: DeploymentDeps,
): Promise<InvokeResponse> {
  const endpoint = await activeEndpoint(name, deps);
  if (!endpoint.serving && !endpoint.currentDeploymentId) {
    throw new VisibleError(
      "conflict",
      "endpoint.not_serving",
      `Endpoint ${name} serves nothing yet: approve a version of ${endpoint.model}, or POST /endpoints/${name}/deploy.`,
    );
  }
  return deps.endpoints.invoke(name, request);
}
