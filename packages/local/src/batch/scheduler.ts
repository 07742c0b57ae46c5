import type { QueueName } from "@gyre/core/platform/jobs/port";
import type { JobRecord } from "./job-record";
import type { Slots } from "./slots";

/** When jobs of several queues wait, the free slots go to them in this order. */
export const queuePriority: readonly QueueName[] = ["gpu-ondemand", "gpu-spot", "cpu"];

export interface Placement {
  job: JobRecord;
  gpus: number[];
}

/**
 * Takes slots for the waiting jobs that can start now. Queues are served in priority order,
 * each first in, first out by submission time: a queue's oldest job that does not fit yet holds
 * back the rest of its queue (so a big job is not starved by small ones), while lower queues may
 * still use what is left. Jobs that can never fit this machine are passed over.
 */
export function placeWaitingJobs(waiting: Iterable<JobRecord>, slots: Slots): Placement[] {
  const ordered = [...waiting].sort((a, b) => a.createdAt - b.createdAt);
  const placements: Placement[] = [];
  for (const queue of queuePriority) {
    for (const job of ordered) {
      if (job.spec.queue !== queue || job.blocked) continue;
      if (!slots.fits(job.spec.resources)) break;
      placements.push({ job, gpus: slots.take(job.spec.resources) });
    }
  }
  return placements;
}
