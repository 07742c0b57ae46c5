import { VisibleError } from "../platform/errors";
import { type DatasetVersionRef, datasetVersionStore as versions } from "./dataset-versions";
import type { TrainingDeps } from "./deps";
import { getPipeline } from "./pipelines";
import { requestRun } from "./request";
import type { Run } from "./run";
import { trainingStore as store } from "./store";

/**
 * A new dataset version: every enabled pipeline on that dataset with `onNewData` gets
 * one run. A version older than (or equal to) one already triggered starts nothing,
 * so duplicated and out-of-order events leave exactly one run.
 */
export async function onDatasetVersion(ref: DatasetVersionRef, deps: TrainingDeps): Promise<Run[]> {
  await versions(deps.state).rememberVersion(ref);
  const pipelines = (await store(deps.state).allPipelines()).filter(
    (p) => p.enabled && p.dataset === ref.name && p.trigger.onNewData,
  );
  const runs: Run[] = [];
  for (const pipeline of pipelines) {
    const claimed = await store(deps.state).updatePipeline(
      pipeline.name,
      { lastDatasetVersion: ref.version },
      {
        expression: "lastDatasetVersion < :version",
        values: { ":version": ref.version },
      },
    );
    if (claimed) runs.push(await requestRun(pipeline, ref, "new-data", deps));
  }
  return runs;
}

/**
 * Drift on a model retrains the pipelines that produce it with `onDrift`, on their newest
 * data, once per report and pipeline (a repeated Drift Detected finds the claim and starts
 * nothing); the run keeps the report's id, which its version's lineage shows.
 */
export async function onDrift(
  model: string,
  deps: TrainingDeps,
  reportId?: string,
): Promise<Run[]> {
  const pipelines = (await store(deps.state).allPipelines()).filter(
    (p) => p.enabled && p.model === model && p.trigger.onDrift,
  );
  const runs: Run[] = [];
  for (const pipeline of pipelines) {
    const ref = await versions(deps.state).newestVersionRef(pipeline.dataset);
    if (!ref) continue;
    if (reportId && !(await store(deps.state).claimDrift(reportId, pipeline.name))) continue;
    const cause = reportId ? { driftReportId: reportId } : {};
    runs.push(await requestRun(pipeline, ref, "drift", deps, cause));
  }
  return runs;
}

/**
 * POST /pipelines/{name}/runs: a run now, on the given dataset version or the newest; the given
 * hyperparameters are merged over the pipeline's, for this run only.
 */
export async function startManualRun(
  name: string,
  options: { datasetVersion?: number; hyperparameters?: Record<string, unknown> },
  deps: TrainingDeps,
): Promise<Run> {
  const { datasetVersion, hyperparameters } = options;
  const pipeline = await getPipeline(name, deps);
  if (!pipeline.enabled)
    throw new VisibleError(
      "conflict",
      "pipeline.disabled",
      `Pipeline ${name} is disabled; PUT it to enable it again.`,
    );
  const ref =
    datasetVersion === undefined
      ? await versions(deps.state).newestVersionRef(pipeline.dataset)
      : await versions(deps.state).versionRef(pipeline.dataset, datasetVersion);
  if (!ref) {
    const which = datasetVersion === undefined ? "any version" : `version ${datasetVersion}`;
    throw new VisibleError(
      "not_found",
      "dataset.version_not_found",
      `Training has not seen ${which} of dataset ${pipeline.dataset} yet.`,
    );
  }
  return requestRun(
    {
      ...pipeline,
      trigger: { ...pipeline.trigger, debounceSeconds: 0 },
      hyperparameters: { ...pipeline.hyperparameters, ...hyperparameters },
    },
    ref,
    "manual",
    deps,
  );
}

export type ScheduledRunOutcome =
  | { started: Run }
  | { skipped: "not-found" | "disabled" | "unscheduled" | "no-data" | "already-fired" };

/**
 * The pipeline's schedule fired for `scheduledTime`: a run on the newest dataset version
 * training has seen. Claiming the fire time on the pipeline first (only a newer time wins)
 * makes a repeated or late delivery of the same fire start nothing.
 */
export async function startScheduledRun(
  name: string,
  scheduledTime: Date,
  deps: TrainingDeps,
): Promise<ScheduledRunOutcome> {
  const pipeline = await store(deps.state).getPipeline(name);
  if (!pipeline) return { skipped: "not-found" };
  if (!pipeline.enabled) return { skipped: "disabled" };
  if (!pipeline.trigger.schedule) return { skipped: "unscheduled" };
  const ref = await versions(deps.state).newestVersionRef(pipeline.dataset);
  if (!ref) return { skipped: "no-data" };
  const fire = scheduledTime.toISOString();
  const claimed = await store(deps.state).updatePipeline(
    name,
    { lastScheduledFire: fire },
    {
      expression:
        "enabled = :enabled AND (attribute_not_exists(lastScheduledFire) OR lastScheduledFire < :fire)",
      values: { ":enabled": true, ":fire": fire },
    },
  );
  if (!claimed) return { skipped: "already-fired" };
  const run = await requestRun(
    { ...pipeline, trigger: { ...pipeline.trigger, debounceSeconds: 0 } },
    ref,
    "schedule",
    deps,
  );
  return { started: run };
}
