import { VisibleError } from "@gyre/core/platform/errors";
import type {
  JobRunner,
  JobSpec,
  LogChunk,
  QueueName,
  SubmittedJob,
} from "@gyre/core/platform/jobs/port";
import { DEFAULT_BUCKET, runsPrefix } from "@gyre/core/platform/objects/places";
import type { EventPublisher } from "@gyre/events";
import { killOrphan } from "./attempt-process";
import { Host } from "./host";
import { finalStatuses, type JobRecord, newJobRecord, waitingStatuses } from "./job-record";
import { JobLedger } from "./ledger";
import { jobLogs } from "./logs";
import { type Machine, machineResources } from "./machine";
import { type AttemptOutcome, lostHost } from "./outcome";
import { placeWaitingJobs } from "./scheduler";
import { SerialQueue } from "./serial";
import { Slots } from "./slots";
import { JobStore } from "./store";
import { cancel, endAttempt, toRunnable } from "./transitions";
import { validateSpec } from "./validate";

export { detectGpus, type Machine } from "./machine";
export { queuePriority } from "./scheduler";

export interface LocalBatchOptions {
  /** GYRE_HOME: jobs and their logs are kept under `<home>/batch/`. */
  home: string;
  /** Where job commands run; the repository root by default. */
  cwd?: string;
  account: string;
  region: string;
  /** Where the `Batch Job State Change` events go. */
  bus: EventPublisher;
  /** The local S3 endpoint, handed to jobs as AWS_ENDPOINT_URL_S3 so a standard SDK reaches it. */
  s3Endpoint?: string;
  /** The data bucket, under whose `runs/` jobs write their outputs (DEFAULT_BUCKET by default). */
  bucket?: string;
  vcpus?: number;
  memoryMiB?: number;
  gpus?: number;
  log?: (line: string) => void;
  /** How long a job may take to exit after SIGTERM (timeout, terminate) before SIGKILL; Batch gives 30 s. */
  killGraceMs?: number;
}

/** At shutdown jobs get less than Batch's 30 s, so stopping Gyre stays quick. */
const SHUTDOWN_GRACE_MS = 5_000;

/**
 * A Batch-compatible runner for one machine: the JobSpec Gyre submits to AWS Batch, run as
 * child processes in CPU/GPU slots, reporting only through the `Batch Job State Change` events
 * AWS Batch sends. See docs/local-batch.md.
 */
export class LocalBatch implements JobRunner {
  private readonly waiting = new Map<string, JobRecord>();
  private readonly queue: SerialQueue;
  private readonly ledger: JobLedger;
  private readonly host: Host;
  private readonly log: (line: string) => void;
  private closing = false;
  private readonly refusals: Error[] = [];
  readonly outputPrefix: string;

  private constructor(
    private readonly options: LocalBatchOptions,
    store: JobStore,
    private readonly slots: Slots,
  ) {
    this.log = options.log ?? ((line) => console.log(`[batch] ${line}`));
    this.outputPrefix = runsPrefix(options.bucket ?? DEFAULT_BUCKET);
    this.queue = new SerialQueue(this.log);
    this.ledger = new JobLedger(store, options.bus, this.log);
    const hostOptions = { ...options, killGraceMs: options.killGraceMs ?? 30_000 };
    this.host = new Host(hostOptions, slots, this.ledger, this.queue, async (job, outcome) => {
      await this.settle(job, outcome);
      await this.schedule();
    });
  }

  static async start(options: LocalBatchOptions): Promise<LocalBatch> {
    const batch = await LocalBatch.open(options);
    await batch.resume();
    return batch;
  }

  /** The runner without its recovery: `resume()` it once its events have listeners. */
  static async open(options: LocalBatchOptions): Promise<LocalBatch> {
    const slots = new Slots(await machineResources(options));
    return new LocalBatch(options, await JobStore.open(options.home), slots);
  }

  /** Sends what the last run left unsent, marks its lost attempts the Batch way, and schedules. */
  resume(): Promise<void> {
    return this.queue.run(() => this.recover());
  }

  get machine(): Machine {
    return this.slots.machine;
  }

  /** The next submit throws this and creates no job, as SubmitJob does when Batch throttles or is unreachable. */
  refuseNextSubmit(error: Error): void {
    this.refusals.push(error);
  }

  async submit(spec: JobSpec): Promise<SubmittedJob> {
    const refusal = this.refusals.shift();
    if (refusal) throw refusal;
    validateSpec(spec);
    if (this.closing)
      throw new VisibleError(
        "conflict",
        "jobs.runner_stopped",
        "The local Batch runner is stopping.",
      );
    const job = newJobRecord(spec, this.options);
    await this.queue.run(async () => {
      // Kept, not announced: Batch sends no event for a submission.
      await this.ledger.note(job);
      await this.makeRunnable(job);
      await this.schedule();
    });
    return { jobId: job.jobId, jobArn: job.jobArn, jobName: job.jobName };
  }

  async findByName(queue: QueueName, jobName: string): Promise<SubmittedJob | undefined> {
    const jobs = await this.ledger.store.all();
    const job = jobs.find((j) => j.jobName === jobName && j.spec.queue === queue);
    return job && { jobId: job.jobId, jobArn: job.jobArn, jobName: job.jobName };
  }

  async terminate(jobId: string, reason: string): Promise<void> {
    await this.queue.run(async () => {
      if (this.host.stop(jobId, { kind: "terminate", reason })) return;
      const job = this.waiting.get(jobId) ?? (await this.find(jobId));
      if (!waitingStatuses.has(job.status)) return;
      this.waiting.delete(jobId);
      cancel(job, reason, Date.now());
      await this.ledger.commit(job);
      this.log(`Job ${job.jobName} (${jobId}) cancelled: ${reason}`);
    });
  }

  async logs(
    jobId: string,
    options: { attempt?: number; cursor?: string } = {},
  ): Promise<LogChunk> {
    const running = this.host.running.get(jobId)?.job;
    const job = running ?? this.waiting.get(jobId) ?? (await this.find(jobId));
    return jobLogs(this.options.home, job, options);
  }

  /** Test hook: the spot instance under the job is reclaimed. Resolves once the attempt has ended. */
  async reclaim(jobId: string): Promise<void> {
    const execution = this.host.stop(jobId, { kind: "lost-host" }, "SIGKILL", 0);
    if (!execution)
      throw new VisibleError(
        "conflict",
        "jobs.not_running",
        `Job ${jobId} has no attempt on a host.`,
      );
    await execution.ended;
  }

  /**
   * Stops for Gyre's shutdown as if this host were terminated: running attempts are stopped and
   * failed as a lost host now, their retry strategy applied; waiting jobs resume at next start.
   */
  async close(): Promise<void> {
    this.closing = true;
    const graceMs = Math.min(this.options.killGraceMs ?? 30_000, SHUTDOWN_GRACE_MS);
    const jobIds = await this.queue.run(async () => [...this.host.running.keys()]);
    const stopping = jobIds.map((id) =>
      this.host.stop(id, { kind: "lost-host" }, "SIGTERM", graceMs),
    );
    await Promise.all(stopping.map((execution) => execution?.ended));
    await this.queue.drained();
  }

  /** Resolves when no job runs or waits for slots (jobs that can never fit this machine aside). */
  async idle(): Promise<void> {
    for (;;) {
      await this.queue.drained();
      const waitingForSlots = [...this.waiting.values()].some((job) => !job.blocked);
      if (this.host.running.size === 0 && !waitingForSlots) return;
      await this.queue.nextChange();
    }
  }

  private async makeRunnable(job: JobRecord, reason?: string): Promise<void> {
    toRunnable(job, this.shortfall(job), reason);
    this.waiting.set(job.jobId, job);
    await this.ledger.commit(job);
  }

  private async schedule(): Promise<void> {
    if (this.closing) return;
    for (const { job, gpus } of placeWaitingJobs(this.waiting.values(), this.slots)) {
      this.waiting.delete(job.jobId);
      await this.host.start(job, gpus);
    }
  }

  private async settle(job: JobRecord, outcome: AttemptOutcome): Promise<void> {
    endAttempt(job, outcome, Date.now());
    const name = `Job ${job.jobName} (${job.jobId})`;
    if (job.status === "RUNNABLE") {
      this.log(
        `${name} attempt ${job.attempts.length} failed (${outcome.statusReason}); retrying.`,
      );
      return this.makeRunnable(job, outcome.statusReason);
    }
    await this.ledger.commit(job);
    this.log(`${name} ${job.status} after ${job.attempts.length} attempt(s): ${job.statusReason}`);
  }

  /** Picks up where a previous runner on this home stopped, as Batch does after losing hosts. */
  private async recover(): Promise<void> {
    for (const job of await this.ledger.store.all()) {
      await this.ledger.flush(job);
      if (finalStatuses.has(job.status)) continue;
      if (job.current) {
        const { number, pid, instanceId } = job.current;
        if (pid !== undefined && (await killOrphan(pid, job.jobId)))
          this.log(
            `Job ${job.jobName} (${job.jobId}): stopped attempt ${number} (pid ${pid}), left running when Gyre stopped.`,
          );
        await this.settle(job, lostHost(instanceId));
      } else if (job.status === "RUNNABLE") {
        // Same status, so no event; only its statusReason follows this machine's slots.
        const shortfall = this.shortfall(job);
        if (shortfall || job.blocked) {
          toRunnable(job, shortfall, undefined);
          await this.ledger.note(job);
        }
        this.waiting.set(job.jobId, job);
      } else {
        await this.makeRunnable(job);
      }
    }
    await this.schedule();
  }

  private shortfall(job: JobRecord): string | undefined {
    const shortfall = this.slots.shortfall(job.spec.resources);
    if (shortfall) this.log(`Job ${job.jobName} (${job.jobId}) stays RUNNABLE: it ${shortfall}`);
    return shortfall;
  }

  private async find(jobId: string): Promise<JobRecord> {
    const job = await this.ledger.store.load(jobId);
    if (!job)
      throw new VisibleError("not_found", "jobs.not_found", `No job ${jobId} on this runner.`);
    return job;
  }
}
