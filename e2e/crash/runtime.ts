import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import { type GyreProcess, startGyre, waitFor } from "@gyre/local/testing/gyre-process";

/** `npm start` as a child on one GYRE_HOME and fixed ports, that the campaign kills -9 and restarts. */
export class CrashableRuntime {
  private process?: GyreProcess;
  starts = 0;

  constructor(
    readonly home: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  async start(): Promise<void> {
    const started = startGyre(this.env);
    this.starts++;
    const ready = () => started.output().includes("Gyre is ready");
    await waitFor(() => ready() || started.child.exitCode !== null, 90_000).catch(() => {});
    await this.keepOutput(started);
    if (!ready())
      throw new Error(`Gyre did not start (start ${this.starts}):\n${started.output()}`);
    this.process = started;
  }

  /** kill -9: no shutdown hook runs, whatever was in flight is cut where it stood. */
  async kill(): Promise<void> {
    const running = this.process;
    if (!running) return;
    this.process = undefined;
    running.child.kill("SIGKILL");
    await running.exited;
  }

  async stop(): Promise<void> {
    const running = this.process;
    if (!running) return;
    this.process = undefined;
    running.child.kill("SIGTERM");
    await running.exited;
  }

  /** Each start's output goes to <home>/campaign-runtime.log, for a failed campaign's post-mortem. */
  private async keepOutput(started: GyreProcess): Promise<void> {
    const log = join(this.home, "campaign-runtime.log");
    let written = 0;
    const flush = () => {
      const output = started.output();
      const fresh = output.slice(written);
      written = output.length;
      return fresh ? appendFile(log, fresh) : Promise.resolve();
    };
    await appendFile(log, `--- start ${this.starts} ---\n`);
    await flush();
    started.child.stdout?.on("data", () => void flush());
    started.child.stderr?.on("data", () => void flush());
  }
}
