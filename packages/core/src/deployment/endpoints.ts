import * as z from "zod";
import type { EndpointState } from "../platform/endpoints/port";
import { VisibleError } from "../platform/errors";
import type { Page } from "../platform/state/pages";
import { Deployment } from "./deployment";
import type { DeploymentDeps, DeploymentReads } from "./deps";
import { Endpoint, EndpointInput } from "./endpoint";
import { deploymentStore as store } from "./store";

export const EndpointDetail = Endpoint.extend({
  variants: z
    .array(
      z.object({
        name: z.string(),
        version: z.number().int(),
        weight: z.number(),
        instanceCount: z.number().int(),
      }),
    )
    .describe("what the endpoint serves now, as the endpoint host reports it"),
  endpointStatus: z
    .string()
    .nullable()
    .describe("SageMaker's EndpointStatus, null before the first rollout"),
  currentDeployment: Deployment.nullable(),
  lastDeployment: Deployment.nullable(),
});
export type EndpointDetail = z.infer<typeof EndpointDetail>;

export async function createEndpoint(input: unknown, deps: DeploymentReads): Promise<Endpoint> {
  const parsed = EndpointInput.parse(input);
  const now = new Date().toISOString();
  const endpoint: Endpoint = {
    ...parsed,
    alarms: namedAlarms(parsed.name, parsed.alarms),
    status: "active",
    serving: null,
    currentDeploymentId: null,
    queuedVersion: null,
    highestRequested: 0,
    lastDeploymentId: null,
    createdAt: now,
    updatedAt: now,
    revision: 0,
  };
  const existing = await store(deps.state).getEndpoint(parsed.name);
  if (
    existing?.status === "active" ||
    !(await store(deps.state).saveEndpoint(endpoint, !existing))
  ) {
    throw new VisibleError(
      "conflict",
      "endpoint.exists",
      `An endpoint named ${parsed.name} exists; PUT /endpoints/${parsed.name} changes it.`,
    );
  }
  return endpoint;
}

/** Changes the endpoint's settings; what it serves and its history stay. The next rollout uses them. */
export async function replaceEndpoint(
  name: string,
  input: unknown,
  deps: DeploymentReads,
): Promise<Endpoint> {
  const parsed = EndpointInput.parse(input);
  if (parsed.name !== name) {
    throw new VisibleError(
      "input",
      "endpoint.name_mismatch",
      `The body names ${parsed.name}, the path ${name}.`,
    );
  }
  for (;;) {
    const existing = await activeEndpoint(name, deps);
    if (existing.model !== parsed.model) {
      throw new VisibleError(
        "conflict",
        "endpoint.model_change",
        `Endpoint ${name} serves model ${existing.model}; create another endpoint for ${parsed.model}.`,
      );
    }
    const next = {
      ...existing,
      ...parsed,
      alarms: namedAlarms(name, parsed.alarms),
      updatedAt: new Date().toISOString(),
    };
    if (await store(deps.state).saveEndpoint(next)) return { ...next, revision: next.revision + 1 };
  }
}

/** Tears the endpoint down on the host; its record and deployments stay, marked deleted. */
export async function deleteEndpoint(name: string, deps: DeploymentDeps): Promise<Endpoint> {
  for (;;) {
    const existing = await activeEndpoint(name, deps);
    const deleted = {
      ...existing,
      status: "deleted" as const,
      currentDeploymentId: null,
      queuedVersion: null,
      updatedAt: new Date().toISOString(),
    };
    if (!(await store(deps.state).saveEndpoint(deleted))) continue;
    await deps.endpoints.delete(name);
    return { ...deleted, revision: deleted.revision + 1 };
  }
}

export async function getEndpoint(name: string, deps: DeploymentDeps): Promise<EndpointDetail> {
  const endpoint = await store(deps.state).getEndpoint(name);
  if (!endpoint) throw notFound(name);
  const state: EndpointState | undefined =
    endpoint.status === "active" ? await deps.endpoints.describe(name) : undefined;
  const deployment = (id: string | null) => (id ? store(deps.state).getDeployment(id) : undefined);
  const [current, last] = await Promise.all([
    deployment(endpoint.currentDeploymentId),
    deployment(endpoint.lastDeploymentId),
  ]);
  return {
    ...endpoint,
    variants: state?.variants ?? [],
    endpointStatus: state?.status ?? null,
    currentDeployment: current ?? null,
    lastDeployment: last ?? null,
  };
}

export function listEndpoints(
  query: { limit: number; cursor?: string },
  deps: DeploymentReads,
): Promise<Page<Endpoint>> {
  return store(deps.state).listEndpoints(query.limit, query.cursor);
}

/** The endpoint, if it exists and is not deleted; a 404 otherwise. */
export async function activeEndpoint(name: string, deps: DeploymentReads): Promise<Endpoint> {
  const endpoint = await store(deps.state).getEndpoint(name);
  if (endpoint?.status !== "active") throw notFound(name);
  return endpoint;
}

function notFound(name: string): VisibleError {
  return new VisibleError("not_found", "endpoint.not_found", `There is no endpoint named ${name}.`);
}

function namedAlarms(endpoint: string, alarms: z.output<typeof EndpointInput>["alarms"]) {
  return alarms.map((alarm, i) => ({
    ...alarm,
    name: alarm.name ?? `gyre-${endpoint}-${alarm.metric}-${i + 1}`,
  }));
}
