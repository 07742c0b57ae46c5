export {
  nextFireTime,
  parseScheduleExpression,
  ScheduleExpressionError,
  scheduleExpressionProblem,
} from "../platform/schedules/expression";
export { applyBatchEvent } from "./batch-events";
export { estimateCost, PRICES } from "./cost";
export type { TrainingDeps, TrainingReads } from "./deps";
export { Pipeline, PipelineInput, PipelineName } from "./pipeline";
export {
  createPipeline,
  disablePipeline,
  getPipeline,
  listPipelines,
  replacePipeline,
} from "./pipelines";
export { Attempt, Run, RunStatus } from "./run";
export { cancelRun, getRun, listRuns, runLogs } from "./runs";
export { MAX_SUBMIT_FAILURES, RECONCILE_AFTER_MS, resubmitDelayMs, submitRun } from "./submit";
export {
  onDatasetVersion,
  onDrift,
  type ScheduledRunOutcome,
  startManualRun,
  startScheduledRun,
} from "./triggers";
