import {
  EventBridgeClient,
  PutEventsCommand,
  ResourceAlreadyExistsException,
  StartReplayCommand,
} from "@aws-sdk/client-eventbridge";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDocumentClient } from "../state/client";
import { awsEventLog } from "./aws-event-log";

const db = createDocumentClient({ region: "eu-west-1" });

const eventBridge = mockClient(EventBridgeClient);
const env = {
  GYRE_BUS_NAME: "gyre-bus",
  GYRE_BUS_ARN: "arn:aws:events:eu-west-1:123456789012:event-bus/gyre-bus",
  GYRE_ARCHIVE_ARN: "arn:aws:events:eu-west-1:123456789012:archive/gyre-archive",
};
const from = new Date("2026-01-01T00:00:00Z");
const to = new Date("2026-01-02T00:00:00Z");

beforeAll(() => Object.assign(process.env, env));
afterAll(() => {
  for (const name of Object.keys(env)) delete process.env[name];
});
beforeEach(() => eventBridge.reset());

describe("awsEventLog replay", () => {
  it("starts an EventBridge replay of the Gyre archive onto the Gyre bus", async () => {
    eventBridge.on(StartReplayCommand).resolves({ State: "STARTING" });

    const result = await awsEventLog(db).replay({ name: "replay_1", from, to });

    expect(eventBridge.commandCalls(StartReplayCommand).map((c) => c.args[0].input)).toEqual([
      {
        ReplayName: "replay_1",
        EventSourceArn: env.GYRE_ARCHIVE_ARN,
        Destination: { Arn: env.GYRE_BUS_ARN },
        EventStartTime: from,
        EventEndTime: to,
      },
    ]);
    expect(result).toEqual({ replayName: "replay_1", events: -1 });
  });

  it("refuses a pattern, which StartReplay cannot filter by, without calling AWS", async () => {
    const replay = awsEventLog(db).replay({ name: "r", from, to, pattern: { source: ["gyre.x"] } });

    await expect(replay).rejects.toMatchObject({
      kind: "input",
      code: "events.replay_pattern_unsupported",
    });
    expect(eventBridge.calls()).toHaveLength(0);
  });

  it("answers a conflict when the replay name is taken", async () => {
    eventBridge
      .on(StartReplayCommand)
      .rejects(new ResourceAlreadyExistsException({ message: "exists", $metadata: {} }));

    await expect(awsEventLog(db).replay({ name: "taken", from, to })).rejects.toMatchObject({
      kind: "conflict",
      code: "events.replay_exists",
    });
  });
});

describe("awsEventLog put", () => {
  it("puts onto the Gyre bus through PutEvents", async () => {
    eventBridge
      .on(PutEventsCommand)
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: "e1" }] });
    const entry = { Source: "gyre.test", DetailType: "Thing Happened", Detail: "{}" };

    const result = await awsEventLog(db).put([entry]);

    expect(eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input).toEqual({
      Entries: [{ ...entry, EventBusName: "gyre-bus" }],
    });
    expect(result).toEqual({ FailedEntryCount: 0, Entries: [{ EventId: "e1" }] });
  });
});
