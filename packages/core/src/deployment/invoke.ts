import { randomUUID } from "node:crypto";
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

/** SageMaker's InferenceId: 1 to 64 printable characters, not starting with a space. */
const INFERENCE_ID = /^[^\s][\x20-\x7e]{0,63}$/;

/**
 * The id an invocation's data capture records: the caller's (checked as SageMaker checks
 * InferenceId), else a new one, so ground truth can be joined to it later.
 */
export function inferenceIdOf(given: string | undefined): string {
  if (given === undefined || given === "") return randomUUID();
  if (!INFERENCE_ID.test(given)) {
    throw new VisibleError(
      "input",
      "invocation.inference_id",
      "x-gyre-inference-id must be 1 to 64 printable ASCII characters, not starting with a space.",
    );
  }
  return given;
}
