import { eventMetadata } from "../platform/actor";
import { VisibleError } from "../platform/errors";
import type { LogChunk } from "../platform/jobs/port";
import type { Page } from "../platform/state/pages";
import { relayRun, runCancelled } from "./announce";
import type { TrainingDeps, TrainingReads } from "./deps";
import { type Run, type RunStatus, TERMINAL } from "./run";
import { trainingStore as store } from "./store";

export async function getRun(id: string, deps: TrainingReads): Promise<Run> {
  const run = await store(deps.state).getRun(id);
  if (!run) throw new VisibleError("not_found", "run.not_found", `There is no run ${id}.`);
  return run;
}

export function listRuns(
  query: {
    pipeline?: string;
    status?: RunStatus;
    limit: number;
    cursor?: string;
  },
  deps: TrainingReads,
): Promise<Page<Run>> {
  return store(deps.state).listRuns(query);
}

/** Cancels a run: a queued one never starts, a submitted one's job is terminated. */
export async function cancelRun(id: string, deps: TrainingDeps): Promise<Run> {
  for (;;) {
    const run = await getRun(id, deps);
    if (TERMINAL.has(run.status)) {
      throw new VisibleError(
        "conflict",
        "run.finished",
        `Run ${id} is already ${run.status}; only unfinished runs can be cancelled.`,
      );
    }
    const { actor } = eventMetadata();
    const reason = `Cancelled by ${actor}`;
    const cancelled: Run = {
      ...run,
      status: "CANCELLED",
      announced: true,
      reason,
      stoppedAt: new Date().toISOString(),
    };
    if (!(await store(deps.state).saveRun(cancelled, [runCancelled(run, actor, reason)]))) continue;
    await relayRun(deps, run.id);
    if (run.jobId) await deps.jobs.terminate(run.jobId, reason);
    return { ...cancelled, revision: cancelled.revision + 1 };
  }
}

export async function runLogs(
  id: string,
  options: { attempt?: number; cursor?: string },
  deps: TrainingDeps,
): Promise<LogChunk> {
  const run = await getRun(id, deps);
  if (!run.jobId) return { attempt: 0, lines: [], next: null };
  return deps.jobs.logs(run.jobId, options);
}
