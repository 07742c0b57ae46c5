import type { AttemptProcess } from "./attempt-process";
import type { JobRecord } from "./job-record";
import type { Stop } from "./outcome";

type Signal = "SIGTERM" | "SIGKILL";

/** One attempt on this machine, from the slots it took until its process ended. */
export class Execution {
  process?: AttemptProcess;
  /** Why the runner stopped it, if it did; the first reason wins. */
  stopped?: Stop;
  private spawned = false;
  private signal?: { signal: Signal; graceMs: number };
  private timer?: NodeJS.Timeout;
  private resolveEnded = () => {};
  readonly ended = new Promise<void>((resolve) => {
    this.resolveEnded = resolve;
  });

  constructor(
    readonly job: JobRecord,
    readonly gpus: number[],
  ) {}

  /** The process exists: a stop asked for while STARTING is delivered now, else the timeout is armed. */
  running(timeoutSeconds: number, onTimeout: () => void): void {
    this.spawned = true;
    if (this.stopped) this.deliver();
    else if (timeoutSeconds > 0) this.timer = setTimeout(onTimeout, timeoutSeconds * 1000);
  }

  stop(reason: Stop, signal: Signal, graceMs: number): void {
    if (this.stopped) return;
    this.stopped = reason;
    this.signal = { signal, graceMs };
    clearTimeout(this.timer);
    // Before the child exists there is no process group to signal yet.
    if (this.spawned) this.deliver();
  }

  finish(): void {
    clearTimeout(this.timer);
    this.resolveEnded();
  }

  private deliver(): void {
    if (this.signal) this.process?.stop(this.signal.signal, this.signal.graceMs);
  }
}
