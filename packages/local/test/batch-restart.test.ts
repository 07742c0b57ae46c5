import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../src/paths";
import { waitFor } from "../src/testing/gyre-process";
import { BatchHarness, nodeJob, scripts, spotRetry } from "./batch-fixtures/harness";

let h: BatchHarness;
beforeAll(async () => {
  h = await BatchHarness.start();
});
afterAll(() => h.close());

const hostLost = /^Host EC2 \(instance i-[0-9a-f]{17}\) terminated\.$/;
const firstAttemptHangs = `if (process.env.AWS_BATCH_JOB_ATTEMPT === "1") {
  console.log("pid " + process.pid); setInterval(() => {}, 1000) } else console.log("attempt 2")`;

describe("restarts", () => {
  it("fails an attempt a crash left RUNNING as a lost host, and retries it at the next start", async () => {
    const home = await h.newHome();
    const fixture = join(repoRoot, "packages/local/test/batch-fixtures/crashing-runner.ts");
    const crashing = spawn(
      process.execPath,
      ["--import", "tsx", fixture, home, firstAttemptHangs],
      {
        cwd: repoRoot,
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const [line] = (await once(createInterface({ input: crashing.stdout }), "line")) as [string];
    const { jobId } = JSON.parse(line) as { jobId: string };
    const log = await readFile(join(home, "batch/logs", jobId, "1.log"), "utf8");
    const trainer = Number(/pid (\d+)/.exec(log)?.[1]);
    crashing.kill("SIGKILL");
    await once(crashing, "exit");
    expect(isAlive(trainer)).toBe(true);
    // Off Linux the runner cannot prove a pid is still its attempt, so it leaves it alone.
    if (process.platform !== "linux") process.kill(-trainer, "SIGKILL");

    await h.restart();
    await h.settle();

    await waitFor(() => !isAlive(trainer), 2_000);
    if (process.platform === "linux")
      expect(h.lines.some((l) => l.includes(`stopped attempt 1 (pid ${trainer})`))).toBe(true);
    expect(h.statuses(jobId)).toEqual(["RUNNABLE", "STARTING", "RUNNING", "SUCCEEDED"]);
    const [requeued] = h.details(jobId);
    expect(requeued?.attempts).toHaveLength(1);
    expect(requeued?.attempts[0]?.statusReason).toMatch(hostLost);
    expect(requeued?.attempts[0]?.container?.exitCode).toBeUndefined();
    expect((await h.batch.logs(jobId)).lines).toEqual(["attempt 2"]);
  }, 15_000);

  it("at shutdown fails running attempts as a lost host, and runs the retry and the waiting jobs at the next start", async () => {
    await h.newRunner({ vcpus: 1 });
    const job = await h.batch.submit(nodeJob(firstAttemptHangs, { retryStrategy: spotRetry }));
    const waiting = await h.batch.submit(nodeJob(scripts.exit(0)));
    await h.until(job.jobId, "RUNNING");

    await h.batch.close();
    await h.platform.bus.drain();
    expect(h.statuses(job.jobId)).toEqual(["RUNNABLE", "STARTING", "RUNNING", "RUNNABLE"]);
    expect(h.last(job.jobId).attempts[0]?.statusReason).toMatch(hostLost);
    expect(h.statuses(waiting.jobId)).toEqual(["RUNNABLE"]);

    await h.restart({ vcpus: 1 });
    await h.settle();
    expect(h.statuses(job.jobId).slice(4)).toEqual(["STARTING", "RUNNING", "SUCCEEDED"]);
    expect(h.statuses(waiting.jobId)).toEqual(["RUNNABLE", "STARTING", "RUNNING", "SUCCEEDED"]);
  });

  it("keeps an event the bus refused with the job, and publishes it at the next start", async () => {
    const down = {
      putEvents: async (): Promise<never> => {
        throw new Error("bus is down");
      },
    };
    const gpuJob = { queue: "gpu-spot" as const, resources: { vcpus: 1, memoryMiB: 512, gpus: 1 } };
    {
      await h.newRunner({ gpus: 0, bus: down });
      const job = await h.batch.submit(nodeJob(scripts.exit(0), gpuJob));
      expect(
        h.lines.some((l) => l.includes(`${job.jobId}: its RUNNABLE event was not published`)),
      ).toBe(true);
      await h.batch.close();

      await h.restart({ gpus: 0 });
      await h.platform.bus.drain();
      expect(h.statuses(job.jobId)).toEqual(["RUNNABLE"]);
    }
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
