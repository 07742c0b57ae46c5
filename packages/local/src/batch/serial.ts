/**
 * Runs the runner's state changes one at a time, in order, so each job's events go out in the
 * order its states were written, whatever order child processes report in.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private readonly waiters = new Set<() => void>();

  constructor(private readonly log: (line: string) => void) {}

  run<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.tail.then(operation);
    const settled = () => {
      for (const resolve of this.waiters) resolve();
      this.waiters.clear();
    };
    this.tail = result.then(settled, settled);
    return result;
  }

  /** For changes reported by child processes, which have no caller to hand an error to. */
  background(operation: () => Promise<void>): void {
    this.run(operation).catch((error: unknown) =>
      this.log(`Local Batch runner error: ${(error as Error).stack ?? String(error)}`),
    );
  }

  /** Resolves when every queued change has run. */
  drained(): Promise<void> {
    return this.tail;
  }

  /** Resolves after the next change has run. */
  nextChange(): Promise<void> {
    return new Promise((resolve) => this.waiters.add(resolve));
  }
}
