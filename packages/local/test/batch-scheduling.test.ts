import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BatchHarness, nodeJob, scripts } from "./batch-fixtures/harness";

let h: BatchHarness;
beforeAll(async () => {
  h = await BatchHarness.start();
});
afterAll(() => h.close());

const gpuJob = { queue: "gpu-ondemand" as const, resources: { vcpus: 1, memoryMiB: 512, gpus: 1 } };

describe("slots and queues", () => {
  it("keeps a GPU job RUNNABLE on a machine without GPUs, saying why once, while CPU jobs run", async () => {
    await h.newRunner({ gpus: 0 });
    const gpu = await h.batch.submit(nodeJob(scripts.exit(0), gpuJob));
    const cpu = await h.batch.submit(nodeJob(scripts.exit(0)));
    await h.settle();

    const why = "needs 1 GPU, this machine has 0: set GYRE_LOCAL_GPUS or use queue cpu";
    expect(h.statuses(gpu.jobId)).toEqual(["RUNNABLE"]);
    expect(await h.batch.logs(gpu.jobId)).toEqual({ attempt: 0, lines: [], next: null });
    expect(h.last(gpu.jobId).statusReason).toBe(
      `MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT - ${why}`,
    );
    expect(h.lines.filter((line) => line.includes(why))).toEqual([
      `Job train-churn (${gpu.jobId}) stays RUNNABLE: it ${why}`,
    ]);
    expect(h.statuses(cpu.jobId).at(-1)).toBe("SUCCEEDED");
  });

  it("starts a job only when its vCPUs are free: with 2 vCPUs the third 1-vCPU job waits", async () => {
    await h.newRunner({ vcpus: 2 });
    const gates = [h.gate("a"), h.gate("b"), h.gate("c")];
    const jobs = [];
    for (const gate of gates) jobs.push(await h.batch.submit(nodeJob(scripts.gated(gate.path))));
    const [a, b, c] = jobs.map((job) => job.jobId) as [string, string, string];
    await h.until(a, "RUNNING");
    await h.until(b, "RUNNING");

    expect(h.statuses(c)).toEqual(["RUNNABLE"]);
    await gates[1]?.open();
    await h.until(c, "RUNNING");
    expect(h.statuses(a)).toEqual(["RUNNABLE", "STARTING", "RUNNING"]);
    for (const gate of gates) await gate.open();
    await h.settle();
    expect([a, b, c].map((id) => h.statuses(id).at(-1))).toEqual([
      "SUCCEEDED",
      "SUCCEEDED",
      "SUCCEEDED",
    ]);
  });

  it("gives free slots to gpu-ondemand, then gpu-spot, then cpu, each queue first in first out", async () => {
    await h.newRunner({ vcpus: 1, gpus: 1 });
    const gate = h.gate("blocker");
    const blocker = await h.batch.submit(nodeJob(scripts.gated(gate.path)));
    await h.until(blocker.jobId, "RUNNING");
    const submitted = {
      cpu1: await h.batch.submit(nodeJob(scripts.exit(0))),
      spot: await h.batch.submit(nodeJob(scripts.exit(0), { ...gpuJob, queue: "gpu-spot" })),
      cpu2: await h.batch.submit(nodeJob(scripts.exit(0))),
      ondemand: await h.batch.submit(nodeJob(scripts.exit(0), gpuJob)),
    };
    await gate.open();
    await h.settle();

    const names = new Map(Object.entries(submitted).map(([name, job]) => [job.jobId, name]));
    const startOrder = h.events
      .filter(
        (event) => event.detail.status === "STARTING" && names.has(event.detail.jobId as string),
      )
      .map((event) => names.get(event.detail.jobId as string));
    expect(startOrder).toEqual(["ondemand", "spot", "cpu1", "cpu2"]);
  });

  it("cancels a waiting job and kills a running one on terminate, both FAILED with the reason and not retried", async () => {
    await h.newRunner({ vcpus: 1 });
    const retryStrategy = { attempts: 3 };
    const running = await h.batch.submit(nodeJob(scripts.sleep, { retryStrategy }));
    const waiting = await h.batch.submit(nodeJob(scripts.sleep, { retryStrategy }));
    await h.until(running.jobId, "RUNNING");

    await h.batch.terminate(waiting.jobId, "Cancelled by ada");
    await h.batch.terminate(running.jobId, "Stopped by ada");
    await h.settle();

    expect(h.statuses(waiting.jobId)).toEqual(["RUNNABLE", "FAILED"]);
    expect(h.last(waiting.jobId)).toMatchObject({ statusReason: "Cancelled by ada", attempts: [] });
    expect(h.statuses(running.jobId)).toEqual(["RUNNABLE", "STARTING", "RUNNING", "FAILED"]);
    expect(h.last(running.jobId)).toMatchObject({
      statusReason: "Stopped by ada",
      attempts: [{ statusReason: "Stopped by ada", container: { exitCode: 143 } }],
    });
    await h.batch.terminate(running.jobId, "again");
    await expect(h.batch.terminate("no-such-job", "x")).rejects.toThrow(/No job no-such-job/);
  });
});
