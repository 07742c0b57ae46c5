import { pipeline, startTrainingTest, type TrainingTest } from "@gyre/local/testing/training";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TrainingTest;

beforeAll(async () => {
  t = await startTrainingTest();
});
afterAll(() => t.close());

const send = (
  method: string,
  path: string,
  body?: unknown,
  role: "viewer" | "pipeline" = "pipeline",
) =>
  t.app.request(path, {
    method,
    headers: { ...t.platform.as[role], "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
const read = (res: Response): Promise<any> => res.json();

describe("/pipelines", () => {
  it("creates, reads, lists, replaces and disables a pipeline", async () => {
    const created = await send("POST", "/pipelines", pipeline("api-one"));
    expect(created.status).toBe(201);
    expect(await read(created)).toMatchObject({
      name: "api-one",
      enabled: true,
      job: { queue: "cpu" },
    });
    expect((await send("POST", "/pipelines", pipeline("api-one"))).status).toBe(409);

    expect((await read(await send("GET", "/pipelines/api-one", undefined, "viewer"))).model).toBe(
      "api-one",
    );
    const list = await read(await send("GET", "/pipelines", undefined, "viewer"));
    expect(list.items.map((p: { name: string }) => p.name)).toContain("api-one");

    const replaced = await send(
      "PUT",
      "/pipelines/api-one",
      pipeline("api-one", { hyperparameters: { lr: 0.1 } }),
    );
    expect((await read(replaced)).hyperparameters).toEqual({ lr: 0.1 });

    const disabled = await read(await send("DELETE", "/pipelines/api-one"));
    expect(disabled.enabled).toBe(false);
  });

  it("explains what is wrong with a bad pipeline (400) and an unknown one (404)", async () => {
    const bad = await send(
      "POST",
      "/pipelines",
      pipeline("api-bad", { job: { ...pipeline("x").job, queue: "tpu" } }),
    );
    expect(bad.status).toBe(400);
    expect((await read(bad)).error.message).toMatch(/body\.job\.queue/);
    const badServe = await send(
      "POST",
      "/pipelines",
      pipeline("api-bad", { serve: { image: "server:1", environment: { "NOT-A-NAME": "1" } } }),
    );
    expect(badServe.status).toBe(400);
    expect((await read(badServe)).error.message).toMatch(/body\.serve\.environment/);
    const unknown = await send("GET", "/pipelines/nope", undefined, "viewer");
    expect((await read(unknown)).error.code).toBe("pipeline.not_found");
  });
});

describe("/runs", () => {
  it("starts a run by hand, lists it, shows its logs, and refuses to cancel it once finished", async () => {
    await send("POST", "/pipelines", pipeline("api-two"));
    expect((await send("POST", "/pipelines/api-two/runs", {})).status).toBe(404);
    await t.newVersion("api-two", 1);
    await t.platform.bus.drain();
    const first = (await read(await send("GET", "/runs?pipeline=api-two", undefined, "viewer")))
      .items[0];
    await t.waitForRun(first.id, (r) => r.status === "SUCCEEDED");

    const manual = await send("POST", "/pipelines/api-two/runs", {
      datasetVersion: 1,
      hyperparameters: { failServing: 0.5 },
    });
    expect(manual.status).toBe(201);
    const run = await read(manual);
    expect(run).toMatchObject({
      trigger: "manual",
      dataset: { version: 1 },
      hyperparameters: { failServing: 0.5 },
    });
    const pipelineAfter = await read(await send("GET", "/pipelines/api-two", undefined, "viewer"));
    expect(pipelineAfter.hyperparameters).toEqual({});
    await t.waitForRun(run.id, (r) => r.status === "SUCCEEDED");

    const logs = await read(await send("GET", `/runs/${run.id}/logs`, undefined, "viewer"));
    expect(logs.lines.join("\n")).toContain(`training ${run.id}`);
    const shown = await read(await send("GET", `/runs/${run.id}`, undefined, "viewer"));
    expect(shown).toMatchObject({ status: "SUCCEEDED", metrics: { auc: 0.87 } });
    const succeeded = await read(
      await send("GET", "/runs?pipeline=api-two&status=SUCCEEDED", undefined, "viewer"),
    );
    expect(succeeded.items).toHaveLength(2);

    const cancel = await send("POST", `/runs/${run.id}/cancel`);
    expect(cancel.status).toBe(409);
    expect((await read(cancel)).error.code).toBe("run.finished");
  });

  it("cancels a running run: its job is terminated and it ends CANCELLED", async () => {
    await send(
      "POST",
      "/pipelines",
      pipeline("api-three", { hyperparameters: { sleepMs: 60_000 } }),
    );
    await t.newVersion("api-three", 1);
    await t.platform.bus.drain();
    const { id } = (await read(await send("GET", "/runs?pipeline=api-three", undefined, "viewer")))
      .items[0];
    await t.waitForRun(id, (r) => r.status === "RUNNING");
    const cancelled = await read(await send("POST", `/runs/${id}/cancel`));
    expect(cancelled).toMatchObject({ status: "CANCELLED", reason: "Cancelled by pipeline" });
    const after = await t.waitForRun(id, () => true);
    expect(after.status).toBe("CANCELLED");
    const events = await t.platform.archive.list({
      detailType: "Training Run Cancelled",
      limit: 10,
    });
    expect(events.items.map((e) => e.detail)).toContainEqual(
      expect.objectContaining({ runId: id }),
    );
  });
});
