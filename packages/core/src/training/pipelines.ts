import { VisibleError } from "../platform/errors";
import type { Page } from "../platform/state/pages";
import type { TrainingDeps } from "./deps";
import { type Pipeline, PipelineInput } from "./pipeline";
import { nextFireTime } from "./schedule-expression";
import * as store from "./store";

/**
 * What create/replace/disable need to keep the recurring schedule in step. Optional only for
 * callers that never schedule; touching a scheduled pipeline without it is a programming error.
 */
type ScheduleDeps = Pick<TrainingDeps, "schedules"> | undefined;

export async function createPipeline(input: unknown, deps?: ScheduleDeps): Promise<Pipeline> {
  const parsed = parseInput(input);
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
  await syncSchedule(pipeline, undefined, deps);
  return pipeline;
}

export async function replacePipeline(
  name: string,
  input: unknown,
  deps?: ScheduleDeps,
): Promise<Pipeline> {
  const parsed = parseInput(input);
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
  await syncSchedule(pipeline, existing, deps);
  return pipeline;
}

/** Disables the pipeline: nothing triggers it any more; its runs keep their history. */
export async function disablePipeline(name: string, deps?: ScheduleDeps): Promise<Pipeline> {
  const existing = await getPipeline(name);
  await store.updatePipeline(name, { enabled: false, updatedAt: new Date().toISOString() });
  const pipeline = await getPipeline(name);
  await syncSchedule(pipeline, existing, deps);
  return pipeline;
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

/** The schema, plus what depends on the clock: a schedule must fire at least once more. */
function parseInput(input: unknown) {
  const parsed = PipelineInput.parse(input);
  const schedule = parsed.trigger.schedule;
  if (schedule && !nextFireTime(schedule, new Date())) {
    throw new VisibleError(
      "input",
      "pipeline.schedule_never_fires",
      `trigger.schedule: ${schedule} never fires after now (${new Date().toISOString()}).`,
    );
  }
  return parsed;
}

/** The stored pipeline is the truth; the schedule follows it once it is durable. */
async function syncSchedule(
  pipeline: Pipeline,
  previous: Pipeline | undefined,
  deps: ScheduleDeps,
): Promise<void> {
  if (deps) return deps.schedules.sync(pipeline);
  if (pipeline.trigger.schedule || previous?.trigger.schedule)
    throw new Error(
      `Pipeline ${pipeline.name} has a schedule to sync, but no ScheduleSync was given.`,
    );
}
