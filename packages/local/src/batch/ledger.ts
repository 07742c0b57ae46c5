import type { EventPublisher } from "@gyre/events";
import { BatchJobStateChange } from "@gyre/events/aws-batch";
import { stateChangeDetail } from "./detail";
import type { JobRecord } from "./job-record";
import type { JobStore } from "./store";

/**
 * Makes each state change durable, then publishes its `Batch Job State Change`. The detail is
 * written in the same file as the state (an outbox), so an event the bus did not take (it was
 * down, Gyre crashed) goes out later, in order: at least once, as EventBridge promises.
 */
export class JobLedger {
  constructor(
    readonly store: JobStore,
    private readonly bus: EventPublisher,
    private readonly log: (line: string) => void,
  ) {}

  async commit(job: JobRecord): Promise<void> {
    job.outbox.push(stateChangeDetail(job));
    await this.store.save(job);
    await this.flush(job);
  }

  /** Saves a change Batch sends no event for (a RUNNABLE job's statusReason). */
  async note(job: JobRecord): Promise<void> {
    await this.store.save(job);
  }

  async flush(job: JobRecord): Promise<void> {
    const pending = job.outbox.length;
    for (const detail of [...job.outbox]) {
      try {
        await BatchJobStateChange.publish(this.bus, detail, [job.jobArn]);
      } catch (error) {
        this.log(
          `Job ${job.jobId}: its ${detail.status} event was not published (${(error as Error).message}); it is kept and sent with the job's next change or at the next start.`,
        );
        break;
      }
      job.outbox.shift();
    }
    // Losing this write only means sending an event twice, which subscribers tolerate.
    if (job.outbox.length < pending) await this.store.save(job, { durable: false });
  }
}
