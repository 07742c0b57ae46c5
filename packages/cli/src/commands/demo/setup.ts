import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "@gyre/local/paths";
import { type Api, ok, type Schemas } from "../../client";
import { CHURN, type DemoSettings } from "./settings";

type Pipeline = Schemas["Pipeline"];
type PipelineInput = Schemas["PipelineInput"];
type Endpoint = Schemas["Endpoint"];
type EndpointInput = Schemas["EndpointInput"];

/** What the demo did to a thing it needs: made it, changed it to fit, or found it as it needs it. */
export type Outcome = "created" | "updated" | "unchanged";

/** The churn pipeline (examples/churn/pipeline.json), retraining on new data and on drift. */
export async function ensurePipeline(api: Api, settings: DemoSettings): Promise<Outcome> {
  const name = CHURN;
  const existing = await found(api.GET("/pipelines/{name}", { params: { path: { name } } }));
  const trigger = { onNewData: true, onDrift: true, debounceSeconds: settings.debounceSeconds };
  if (!existing) {
    await ok(api.POST("/pipelines", { body: { ...churnExample(), trigger } }));
    return "created";
  }
  const fits =
    existing.enabled &&
    existing.serve !== undefined &&
    Object.entries(trigger).every(([k, v]) => existing.trigger[k as keyof typeof trigger] === v);
  if (fits) return "unchanged";
  const body = {
    ...pipelineInput(existing),
    trigger: { ...existing.trigger, ...trigger },
    serve: existing.serve ?? churnExample().serve,
  };
  await ok(api.PUT("/pipelines/{name}", { params: { path: { name } }, body }));
  return "updated";
}

/** Endpoint churn: deploys each approved version as a 10% canary, baked, then all, capturing traffic. */
export async function ensureEndpoint(api: Api, settings: DemoSettings): Promise<Outcome> {
  const name = CHURN;
  const existing = await found(api.GET("/endpoints/{name}", { params: { path: { name } } }));
  const rollout = {
    type: "CANARY" as const,
    canarySize: { type: "CAPACITY_PERCENT" as const, value: 10 },
    waitIntervalInSeconds: settings.bakeSeconds,
  };
  if (!existing || existing.status === "deleted") {
    const alarms = [{ metric: "errorRate" as const, threshold: 0.05, minRequests: 10 }];
    await ok(api.POST("/endpoints", { body: { name, model: CHURN, rollout, alarms } as never }));
    return "created";
  }
  const fits =
    existing.deployOn === "approved" &&
    existing.dataCapture.enabled &&
    existing.rollout.type === rollout.type &&
    existing.rollout.canarySize?.value === rollout.canarySize.value &&
    existing.rollout.waitIntervalInSeconds === rollout.waitIntervalInSeconds;
  if (fits) return "unchanged";
  const body: EndpointInput = {
    ...endpointInput(existing),
    deployOn: "approved",
    dataCapture: { ...existing.dataCapture, enabled: true },
    rollout: { ...existing.rollout, ...rollout },
  };
  await ok(api.PUT("/endpoints/{name}", { params: { path: { name } }, body }));
  return "updated";
}

/** The endpoint's monitor, once it watches `version`, with the demo's window size. */
export async function tuneMonitor(
  api: Api,
  monitor: Schemas["Monitor"],
  settings: DemoSettings,
): Promise<Outcome> {
  const window = { maxSamples: settings.windowRows, minSamples: settings.windowRows };
  const { maxSamples, minSamples } = monitor.settings;
  if (maxSamples === window.maxSamples && minSamples === window.minSamples) return "unchanged";
  await ok(
    api.PUT("/monitors/{id}", {
      params: { path: { id: monitor.id } },
      body: { ...monitor.settings, ...window },
    }),
  );
  return "updated";
}

/** The resource, or undefined when the API says it does not exist. */
async function found<T>(call: Promise<{ data?: T }>): Promise<T | undefined> {
  return ok(call).catch((error: Error) => {
    if (/\.not_found|HTTP 404/.test(error.message)) return undefined;
    throw error;
  });
}

function churnExample(): PipelineInput {
  return JSON.parse(readFileSync(join(repoRoot, "examples/churn/pipeline.json"), "utf8"));
}

function pipelineInput(p: Pipeline): PipelineInput {
  const { name, dataset, model, trigger, job, hyperparameters, local, serve } = p;
  return { name, dataset, model, trigger, job, hyperparameters, local, serve };
}

function endpointInput(e: Endpoint): EndpointInput {
  const { name, model, deployOn, promoteAlias, instanceType, instanceCount } = e;
  const { autoscaling, rollout, alarms, dataCapture } = e;
  return {
    ...{ name, model, deployOn, promoteAlias, instanceType, instanceCount },
    ...{ autoscaling, rollout, alarms, dataCapture },
  };
}
