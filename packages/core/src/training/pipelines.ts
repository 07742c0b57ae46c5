import { VisibleError } from "../platform/errors";
import type { Page } from "../platform/state/pages";
import { type Pipeline, PipelineInput } from "./pipeline";
import * as store from "./store";

export async function createPipeline(input: unknown): Promise<Pipeline> {
  const parsed = PipelineInput.parse(input);
  const now = new Date().toISOString();
  const pipeline = {
    ...parsed,
    enabled: true,
    createdAt: now,
    updatedAt: now,
    lastDatasetVersion: 0,
  };
  if (!(await store.putPipeline(pipeline, { mustExist: false }))) {
    throw new VisibleError(
      "conflict",
      "pipeline.exists",
      `A pipeline named ${parsed.name} already exists; PUT /pipelines/${parsed.name} updates it.`,
    );
  }
  return pipeline;
}

export async function replacePipeline(name: string, input: unknown): Promise<Pipeline> {
  const parsed = PipelineInput.parse(input);
  if (parsed.name !== name) {
    throw new VisibleError(
      "input",
      "pipeline.name_mismatch",
      `The body names ${parsed.name}, the path ${name}.`,
    );
  }
  const existing = await getPipeline(name);
  const pipeline = { ...existing, ...parsed, enabled: true, updatedAt: new Date().toISOString() };
  await store.putPipeline(pipeline, { mustExist: true });
  return pipeline;
}

/** Disables the pipeline: nothing triggers it any more; its runs keep their history. */
export async function disablePipeline(name: string): Promise<Pipeline> {
  await getPipeline(name);
  await store.updatePipeline(name, { enabled: false, updatedAt: new Date().toISOString() });
  return getPipeline(name);
}

export async function getPipeline(name: string): Promise<Pipeline> {
  const pipeline = await store.getPipeline(name);
  if (!pipeline)
    throw new VisibleError(
      "not_found",
      "pipeline.not_found",
      `There is no pipeline named ${name}.`,
    );
  const { queuedRunId: _, ...rest } = pipeline;
  return rest;
}

export function listPipelines(query: { limit: number; cursor?: string }): Promise<Page<Pipeline>> {
  return store.listPipelines(query.limit, query.cursor);
}
