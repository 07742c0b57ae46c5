import { repoRoot } from "../paths";
import { type AwsPlace, containerInstanceArn, newInstanceId, newTask } from "./arns";
import { launchAttempt } from "./attempt-process";
import { attemptEnvironment } from "./environment";
import { Execution } from "./execution";
import type { JobRecord } from "./job-record";
import type { JobLedger } from "./ledger";
import { attemptLogFile } from "./logs";
import { type AttemptOutcome, attemptOutcome, type ProcessEnd, type Stop } from "./outcome";
import type { SerialQueue } from "./serial";
import type { Slots } from "./slots";
import { toRunning, toStarting } from "./transitions";

export interface HostOptions extends AwsPlace {
  home: string;
  cwd?: string;
  s3Endpoint?: string;
  killGraceMs: number;
}

/**
 * This machine as a Batch compute host: it runs attempts in the slots they were given, moves
 * them to STARTING and RUNNING, and hands each ended attempt's outcome back to the runner.
 */
export class Host {
  readonly instanceId = newInstanceId();
  readonly running = new Map<string, Execution>();

  constructor(
    private readonly options: HostOptions,
    private readonly slots: Slots,
    private readonly ledger: JobLedger,
    private readonly queue: SerialQueue,
    private readonly onEnded: (job: JobRecord, outcome: AttemptOutcome) => Promise<void>,
  ) {}

  async start(job: JobRecord, gpus: number[]): Promise<void> {
    const { home, region } = this.options;
    const execution = new Execution(job, gpus);
    this.running.set(job.jobId, execution);
    const attempt = job.attempts.length + 1;
    toStarting(job, {
      number: attempt,
      instanceId: this.instanceId,
      containerInstanceArn: containerInstanceArn(this.options, this.instanceId),
      ...newTask(this.options),
      gpus,
    });
    await this.ledger.commit(job);
    const launch = {
      command: job.spec.local?.command ?? job.spec.command,
      cwd: this.options.cwd ?? repoRoot,
      env: attemptEnvironment(job.spec, {
        jobId: job.jobId,
        attempt,
        gpus,
        region,
        s3Endpoint: this.options.s3Endpoint,
      }),
      logFile: attemptLogFile(home, job.jobId, attempt),
    };
    try {
      execution.process = await launchAttempt(launch, {
        spawned: (pid) => this.queue.background(() => this.attemptRunning(execution, pid)),
        ended: (end) => this.queue.background(() => this.attemptEnded(execution, end)),
      });
    } catch (error) {
      await this.attemptEnded(execution, {
        kind: "not-started",
        message: (error as Error).message,
      });
    }
  }

  /** Stops a running attempt (the first reason given wins); undefined if the job has none here. */
  stop(jobId: string, reason: Stop, signal: "SIGTERM" | "SIGKILL" = "SIGTERM", graceMs?: number) {
    const execution = this.running.get(jobId);
    execution?.stop(reason, signal, graceMs ?? this.options.killGraceMs);
    return execution;
  }

  private async attemptRunning(execution: Execution, pid: number): Promise<void> {
    const { job } = execution;
    toRunning(job, pid, Date.now());
    await this.ledger.commit(job);
    execution.running(job.spec.timeoutSeconds, () =>
      execution.stop({ kind: "timeout" }, "SIGTERM", this.options.killGraceMs),
    );
  }

  private async attemptEnded(execution: Execution, end: ProcessEnd): Promise<void> {
    const { job } = execution;
    this.running.delete(job.jobId);
    this.slots.release(job.spec.resources, execution.gpus);
    const instanceId = job.current?.instanceId ?? this.instanceId;
    try {
      await this.onEnded(job, attemptOutcome(end, execution.stopped, instanceId));
    } finally {
      execution.finish();
    }
  }
}
