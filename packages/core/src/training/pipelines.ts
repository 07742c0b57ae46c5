import { VisibleError } from "../platform/errors";
import { nextFireTime } from "../platform/schedules/expression";
import type { Page } from "../platform/state/pages";
import type { TrainingDeps, TrainingReads } from "./deps";
import { type Pipeline, PipelineInput } from "./pipeline";
import { trainingStore as store } from "./store";

/** What create/replace/disable need: the table, and the schedules to keep in step. */
type PipelineDeps = Pick<TrainingDeps, "state" | "schedules">;

export async function createPipeline(input: unknown, deps: PipelineDeps): Promise<Pipeline> {
  const parsed = parseInput(input);
  const now = new Date().toISOString();
  const pipeline = {
    ...parsed,
    enabled: true,
    createdAt: now,
    updatedAt: now,
    lastDatasetVersion: 0,
  };
  if (!(await store(deps.state).putPipeline(pipeline, { mustExist: false }))) {
    throw new VisibleError(
      "conflict",
      "pipeline.exists",
      `A pipeline named ${parsed.name} already exists; PUT /pipelines/${parsed.name} updates it.`,
    );
  }
  await syncSchedule(pipeline, deps);
  return pipeline;
}

export async function replacePipeline(
  name: string,
  input: unknown,
  deps: PipelineDeps,
): Promise<Pipeline> {
  const parsed = parseInput(input);
  if (parsed.name !== name) {
    throw new VisibleError(
      "input",
      "pipeline.name_mismatch",
      `The body names ${parsed.name}, the path ${name}.`,
    );
  }
  const existing = await getPipeline(name, deps);
  const pipeline = { ...existing, ...parsed, enabled: true, updatedAt: new Date().toISOString() };
  await store(deps.state).putPipeline(pipeline, { mustExist: true });
  await syncSchedule(pipeline, deps);
  return pipeline;
}

/** Disables the pipeline: nothing triggers it any more; its runs keep their history. */
export async function disablePipeline(name: string, deps: PipelineDeps): Promise<Pipeline> {
  const _existing = await getPipeline(name, deps);
  await store(deps.state).updatePipeline(name, {
    enabled: false,
    updatedAt: new Date().toISOString(),
  });
  const pipeline = await getPipeline(name, deps);
  await syncSchedule(pipeline, deps);
  return pipeline;
}

export async function getPipeline(name: string, deps: TrainingReads): Promise<Pipeline> {
  const pipeline = await store(deps.state).getPipeline(name);
  if (!pipeline)
    throw new VisibleError(
      "not_found",
      "pipeline.not_found",
      `There is no pipeline named ${name}.`,
    );
  const { queuedRunId: _, ...rest } = pipeline;
  return rest;
}

export function listPipelines(
  query: { limit: number; cursor?: string },
  deps: TrainingReads,
): Promise<Page<Pipeline>> {
  return store(deps.state).listPipelines(query.limit, query.cursor);
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
async function syncSchedule(pipeline: Pipeline, deps: PipelineDeps): Promise<void> {
  const expression = pipeline.enabled ? pipeline.trigger.schedule : undefined;
  await deps.schedules.sync(pipeline.name, expression);
}
