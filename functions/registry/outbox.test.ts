import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { crashOnce } from "@gyre/local/testing/crash";
import { type RegistryTest, startRegistryTest } from "@gyre/local/testing/registry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { make as makeRelay } from "./outbox";

let t: RegistryTest;
beforeAll(async () => {
  t = await startRegistryTest();
});
afterAll(() => t.close());

const relay = () => makeRelay(t.platform, { rule: "registry-outbox" })();

/** An approval's audit entry appended: the second step of the change. */
const appendsApproval = (command: unknown) =>
  command instanceof PutCommand &&
  String(command.input.Item?.pk).startsWith("history#") &&
  command.input.Item?.action === "approved";

/** The relay's first read of an item's outbox: the process dies before it publishes. */
const relaysOutbox = (command: unknown) =>
  command instanceof GetCommand && command.input.ProjectionExpression === "#outbox";

async function registryEvents(model: string, detailType: string) {
  await t.platform.bus.drain();
  const { items } = await t.platform.archive.list({ detailType, limit: 100 });
  return items.filter((e) => (e.detail as { model?: string }).model === model);
}

async function history(model: string) {
  const { body } = await t.call("GET", `/models/${model}/history`);
  return (body.items as { action: string; actor: string }[]).map((e) => e.action).sort();
}

describe("the registry's events go out through the changed item's outbox", () => {
  it("repairs a crash after an approval and before its audit entry and event: the outbox sweep on start records and publishes it, once", async () => {
    await t.runSucceeded({ model: "crash-approve", runId: "run_ca1" });
    const audit = crashOnce(t.platform.state, appendsApproval);
    const { status } = await t.call(
      "POST",
      "/models/crash-approve/versions/1/approve",
      "approver",
      {
        comment: "fine",
      },
    );
    expect(audit.happened).toBe(true);
    expect(status).toBe(500);
    expect(await history("crash-approve")).toEqual(["registered"]);
    const { body } = await t.call("GET", "/models/crash-approve/versions/1");
    expect(body.status).toBe("Approved");

    await relay();
    expect(await history("crash-approve")).toEqual(["approved", "registered"]);
    const approved = await registryEvents("crash-approve", "Model Version Approved");
    expect(approved).toHaveLength(1);
    expect(approved[0]?.detail).toMatchObject({
      comment: "fine",
      metadata: { eventKey: "crash-approve:v1:Approved" },
    });
    await relay();
    expect(await registryEvents("crash-approve", "Model Version Approved")).toHaveLength(1);
    expect(await history("crash-approve")).toEqual(["approved", "registered"]);
  });

  it("repairs a crash after a partial approval's write, before its audit entry: the next approval records it first", async () => {
    await t.call("PUT", "/models/crash-two/policy", "approver", { requiredApprovals: 2 });
    await t.runSucceeded({ model: "crash-two", runId: "run_ct1" });
    crashOnce(t.platform.state, appendsApproval);
    await t.call("POST", "/models/crash-two/versions/1/approve", "approver", {});
    expect(await history("crash-two")).toEqual(["registered"]);
    await t.call("POST", "/models/crash-two/versions/1/approve", "admin", {});
    expect(await history("crash-two")).toEqual(["approved", "approved", "registered"]);
    expect(await registryEvents("crash-two", "Model Version Approved")).toHaveLength(1);
  });

  it("repairs a crash after an alias moves and before it is announced: the sweep publishes Model Alias Changed once", async () => {
    await t.call("PUT", "/models/crash-alias/policy", "approver", { autoApprove: true });
    await t.runSucceeded({ model: "crash-alias", runId: "run_cl1" });
    crashOnce(t.platform.state, relaysOutbox);
    await t.call("PUT", "/models/crash-alias/aliases/champion", "approver", { version: 1 });
    expect(await registryEvents("crash-alias", "Model Alias Changed")).toEqual([]);
    await relay();
    const changed = await registryEvents("crash-alias", "Model Alias Changed");
    expect(changed).toHaveLength(1);
    expect(changed[0]?.detail).toMatchObject({ alias: "champion", from: null, to: 1 });
    expect(await history("crash-alias")).toContain("alias");
  });

  it("announces a registration and the policy's decision from the version's outbox, each once, after a crash before the publish", async () => {
    await t.call("PUT", "/models/crash-reg/policy", "approver", { autoApprove: true });
    crashOnce(t.platform.state, relaysOutbox);
    await t.runSucceeded({ model: "crash-reg", runId: "run_cr1" });
    await relay();
    expect(await registryEvents("crash-reg", "Model Version Registered")).toHaveLength(1);
    expect(await registryEvents("crash-reg", "Model Version Approved")).toHaveLength(1);
    expect(await history("crash-reg")).toEqual(["approved", "registered"]);
  });

  it("repairs a crash after a version without a run is written and before its model knows it: the sweep lists the model at that version", async () => {
    const touchesModel = (command: unknown) =>
      command instanceof UpdateCommand &&
      command.input.Key?.pk === "model#crash-touch" &&
      command.input.Key?.sk === "model";
    const crash = crashOnce(t.platform.state, touchesModel);
    const { status } = await t.call("POST", "/models/crash-touch/versions", "pipeline", {
      artifactUri: "s3://gyre-data/elsewhere/model/",
      metrics: { auc: 0.9 },
    });
    expect(crash.happened).toBe(true);
    expect(status).toBe(500);
    expect((await t.call("GET", "/models/crash-touch")).status).toBe(404);

    await relay();
    const { status: found, body } = await t.call("GET", "/models/crash-touch");
    expect(found).toBe(200);
    expect(body.latestVersion).toBe(1);
    expect(await registryEvents("crash-touch", "Model Version Registered")).toHaveLength(1);
    expect(await history("crash-touch")).toEqual(["registered"]);
  });
});
