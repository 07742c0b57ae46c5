import { InvokeEndpointCommand, ModelError } from "@aws-sdk/client-sagemaker-runtime";
import { runtime } from "./aws-clients";
import { describeEndpoint, fleetsOf } from "./aws-endpoint-state";
import type { InvokeRequest, InvokeResponse } from "./port";
import { VARIANT } from "./sagemaker-names";

/** How long a serving version read from DescribeEndpoint is trusted. */
const TTL_MS = 30_000;

/**
 * The version an endpoint serves, for answers whose container does not name it. During a
 * blue/green update both fleets answer as `AllTraffic`, so this is the old fleet's version.
 */
export class ServingVersions {
  private readonly read = new Map<string, { version: number; at: number }>();

  async of(endpoint: string): Promise<number> {
    const cached = this.read.get(endpoint);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.version;
    const found = await describeEndpoint(endpoint);
    const version = found ? ((await fleetsOf(found))[0]?.version ?? 0) : 0;
    this.read.set(endpoint, { version, at: Date.now() });
    return version;
  }

  forget(endpoint: string): void {
    this.read.delete(endpoint);
  }
}

/** InvokeEndpoint with the body as it is; a model error is the container's own answer. */
export async function invokeEndpoint(
  endpoint: string,
  request: InvokeRequest,
  versions: ServingVersions,
): Promise<InvokeResponse> {
  try {
    const answer = await runtime.send(
      new InvokeEndpointCommand({
        EndpointName: endpoint,
        ContentType: request.contentType,
        ...(request.accept ? { Accept: request.accept } : {}),
        ...(request.inferenceId ? { InferenceId: request.inferenceId } : {}),
        Body: request.body,
      }),
    );
    return {
      status: 200,
      body: answer.Body ?? new Uint8Array(),
      contentType: answer.ContentType ?? "application/octet-stream",
      variant: answer.InvokedProductionVariant ?? VARIANT,
      version: versionIn(answer.CustomAttributes) ?? (await versions.of(endpoint)),
    };
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    return {
      status: error.OriginalStatusCode ?? 502,
      body: new TextEncoder().encode(error.OriginalMessage ?? error.message),
      contentType: "text/plain; charset=utf-8",
      variant: VARIANT,
      version: await versions.of(endpoint),
    };
  }
}

/** A model server may name its version: `X-Amzn-SageMaker-Custom-Attributes: gyre-model-version=3`. */
function versionIn(customAttributes: string | undefined): number | undefined {
  const match = /(?:^|[,;\s])gyre-model-version=(\d+)/.exec(customAttributes ?? "");
  return match ? Number(match[1]) : undefined;
}
