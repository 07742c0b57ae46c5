import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Envelope } from "@gyre/events";
import { crashOnce } from "@gyre/local/testing/crash";
import { csv, startDatasetsTest } from "@gyre/local/testing/datasets";
import type { TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { make } from "./object-created";

let platform: TestPlatform;
let s3: Awaited<ReturnType<typeof startDatasetsTest>>["s3"];
beforeAll(async () => {
  ({ platform, s3 } = await startDatasetsTest());
});
afterAll(() => platform.close());

const announcesClaim = (command: unknown) =>
  command instanceof UpdateCommand && String(command.input.UpdateExpression).includes("#outbox");

describe("datasets' events go out through the content claim's outbox", () => {
  it("repairs a crash after the version is written and before it is announced: the event's retry announces it once", async () => {
    const crash = crashOnce(platform.state, announcesClaim);
    await s3.put("datasets/crashy/data.csv", csv(10));
    await platform.bus.drain(); // the bus retries the Object Created the crash failed
    expect(crash.happened).toBe(true);
    const objectCreated = (
      await platform.archive.list({ source: "aws.s3", limit: 100 })
    ).items.find(
      (e) => (e.detail as { object: { key: string } }).object.key === "datasets/crashy/data.csv",
    ) as Envelope;
    await make(platform, { rule: "datasets-object-created" })(objectCreated);
    await platform.bus.drain();
    const created = (
      await platform.archive.list({ detailType: "Dataset Version Created", limit: 100 })
    ).items.filter((e) => (e.detail as { dataset: string }).dataset === "crashy");
    expect(created).toHaveLength(1);
    expect(created[0]?.detail).toMatchObject({
      version: 1,
      metadata: { eventKey: "crashy:v1" },
    });
  });
});
