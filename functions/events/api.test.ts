import { GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { readDeadLetterQueues } from "@gyre/core/platform/bus/aws-dead-letter-queues";
import { invocationRecord } from "@gyre/core/platform/bus/invocation-record.fixture";
import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventsApi } from "./api";

let platform: TestPlatform;
let app: ReturnType<typeof eventsApi>;

beforeAll(async () => {
  platform = await startTestPlatform({
    bus: { retryPolicy: { maximumRetryAttempts: 0, baseDelayMs: 1 } },
  });
  app = eventsApi(platform);
});
afterAll(() => platform.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
const read = (res: Response): Promise<any> => res.json();

const archived = async () => (await platform.archive.list({ limit: 100 })).items.length;

const entry = (detailType: string, detail: object = { n: 1 }) => ({
  source: "gyre.test",
  detailType,
  detail,
});

describe("POST /events", () => {
  it("puts events and answers like PutEvents", async () => {
    const res = await post("/events", { entries: [entry("Thing Happened")] }, platform.as.admin);
    expect(res.status).toBe(200);
    const body = await read(res);
    expect(body).toEqual({ failedEntryCount: 0, entries: [{ eventId: expect.any(String) }] });
  });

  it("refuses without a token (401), with a role below admin (403) or with a bad body (400), changing nothing", async () => {
    const before = await archived();
    const none = await post("/events", { entries: [entry("X")] });
    const viewer = await post("/events", { entries: [entry("X")] }, platform.as.approver);
    const bad = await post("/events", { entries: [{ source: "gyre.test" }] }, platform.as.admin);
    const unknown = await post(
      "/events",
      { entries: [entry("X")] },
      { authorization: "Bearer gyre_nope" },
    );

    expect([none.status, viewer.status, bad.status, unknown.status]).toEqual([401, 403, 400, 401]);
    expect((await read(none)).error.code).toBe("auth.missing_token");
    expect((await read(viewer)).error).toEqual({
      code: "auth.forbidden",
      message: "This needs the admin role; token approver has approver.",
    });
    expect(await read(bad)).toEqual({
      error: {
        code: "request.invalid",
        message: expect.stringContaining("body.entries.0.detailType"),
      },
    });
    expect((await read(unknown)).error.code).toBe("auth.unknown_token");
    expect(await archived()).toBe(before);
  });

  it("refuses 11 entries and malformed JSON with 400", async () => {
    const eleven = await post(
      "/events",
      { entries: Array.from({ length: 11 }, () => entry("X")) },
      platform.as.admin,
    );
    const broken = await post("/events", "{not json", platform.as.admin);
    expect(eleven.status).toBe(400);
    expect((await read(eleven)).error.message).toMatch(/at most 10 entries/);
    expect(broken.status).toBe(400);
    expect((await read(broken)).error.code).toBe("request.malformed_json");
  });

  it("answers 413 to a body over the limit, and archives nothing", async () => {
    const before = await archived();
    const res = await post(
      "/events",
      { entries: [entry("Big", { pad: "x".repeat(1024 * 1024) })] },
      platform.as.admin,
    );
    expect(res.status).toBe(413);
    expect((await read(res)).error.code).toBe("request.too_large");
    expect(await archived()).toBe(before);
  });
});

describe("GET /events", () => {
  it("lists archived events newest first, filtered, in pages", async () => {
    await post("/events", { entries: [entry("Page One"), entry("Page Two")] }, platform.as.admin);
    await new Promise((r) => setTimeout(r, 2));
    await post("/events", { entries: [entry("Page Three")] }, platform.as.admin);

    const first = await app.request("/events?source=gyre.test&limit=2", {
      headers: platform.as.viewer,
    });
    expect(first.status).toBe(200);
    const page = await read(first);
    expect(page.items).toHaveLength(2);
    expect(page.items[0]["detail-type"]).toBe("Page Three");
    expect(page.next).toEqual(expect.any(String));

    const second = await app.request(`/events?source=gyre.test&limit=2&cursor=${page.next}`, {
      headers: platform.as.viewer,
    });
    const next = await read(second);
    expect(next.items.map((e: { id: string }) => e.id)).not.toContain(page.items[0].id);

    const byType = await app.request("/events?detailType=Page%20Two", {
      headers: platform.as.viewer,
    });
    expect(
      (await read(byType)).items.map((e: { "detail-type": string }) => e["detail-type"]),
    ).toEqual(["Page Two"]);
  });

  it("needs a token and checks the query", async () => {
    expect((await app.request("/events")).status).toBe(401);
    const bad = await app.request("/events?limit=0", { headers: platform.as.viewer });
    expect(bad.status).toBe(400);
    expect((await read(bad)).error.message).toMatch(/^query.limit/);
    const cursor = await app.request("/events?cursor=garbage", { headers: platform.as.viewer });
    expect((await read(cursor)).error.code).toBe("request.invalid_cursor");
  });
});

describe("POST /events/replay", () => {
  it("replays archived events in the range that match the pattern", async () => {
    const from = new Date().toISOString();
    await post(
      "/events",
      { entries: [entry("Replay Me", { keep: true }), entry("Replay Me", { keep: false })] },
      platform.as.admin,
    );
    await platform.bus.drain();
    const seen: unknown[] = [];
    platform.bus.addRule({
      name: "replay-watch",
      pattern: { "detail-type": ["Replay Me"] },
      target: (e) => void seen.push(e),
    });

    const res = await post(
      "/events/replay",
      { from, to: new Date().toISOString(), pattern: { detail: { keep: [true] } }, name: "r1" },
      platform.as.admin,
    );
    await platform.bus.drain();

    expect(await read(res)).toEqual({ replayName: "r1", events: 1 });
    expect(seen).toEqual([expect.objectContaining({ "replay-name": "r1" })]);
  });

  it("refuses an invalid pattern, a reversed range, and non-admins", async () => {
    const now = new Date().toISOString();
    const pattern = await post(
      "/events/replay",
      { from: now, to: now, pattern: { source: "x" } },
      platform.as.admin,
    );
    const reversed = await post(
      "/events/replay",
      { from: now, to: "2000-01-01T00:00:00Z" },
      platform.as.admin,
    );
    const viewer = await post("/events/replay", { from: now, to: now }, platform.as.viewer);
    expect(pattern.status).toBe(400);
    expect((await read(pattern)).error.code).toBe("pattern.invalid");
    expect(reversed.status).toBe(400);
    expect((await read(reversed)).error.message).toMatch(/from must not be after to/);
    expect(viewer.status).toBe(403);
  });
});

describe("GET /events/dead-letters", () => {
  it("lists events a target never accepted, with the error", async () => {
    platform.bus.addRule({
      name: "always-fails",
      pattern: { "detail-type": ["Doomed"] },
      target: () => {
        throw new Error("model server down");
      },
    });
    await post("/events", { entries: [entry("Doomed")] }, platform.as.admin);
    await platform.bus.drain();

    const res = await app.request("/events/dead-letters", { headers: platform.as.viewer });
    const body = await read(res);
    expect(res.status).toBe(200);
    expect(body.items[0]).toMatchObject({
      rule: "always-fails",
      reason: "MaximumRetryAttemptsExceeded",
      error: { message: "model server down" },
      event: { "detail-type": "Doomed" },
    });
    expect((await app.request("/events/dead-letters")).status).toBe(401);
    expect(body).not.toHaveProperty("queues");
  });

  it("on AWS also counts the rules' DLQ and shows what Lambda gave up on", async () => {
    const sqs = mockClient(SQSClient);
    process.env.GYRE_DEAD_LETTER_QUEUE_URL = "https://sqs.example/1/GyreDeadLetters";
    process.env.GYRE_FAILED_INVOCATIONS_QUEUE_URL = "https://sqs.example/1/GyreFailedInvocations";
    sqs.on(GetQueueAttributesCommand).resolves({
      Attributes: { ApproximateNumberOfMessages: "1", ApproximateNumberOfMessagesNotVisible: "0" },
    });
    sqs.on(ReceiveMessageCommand).resolves({
      Messages: [{ Body: invocationRecord("2026-03-01T10:00:00.000Z", "run_1") }],
    });
    const onAws = eventsApi({
      tokens: platform.tokens,
      events: { ...platform.events, deadLetterQueues: readDeadLetterQueues },
    });
    try {
      const res = await onAws.request("/events/dead-letters", { headers: platform.as.viewer });
      const body = await read(res);
      expect(res.status).toBe(200);
      expect(body.items[0]).toMatchObject({ rule: "always-fails" });
      expect(body.queues).toEqual({
        rules: { messages: 1, inFlight: 0 },
        failedInvocations: {
          messages: 1,
          inFlight: 0,
          recent: [
            {
              function: "TrainingRunDue",
              condition: "RetriesExhausted",
              attempts: 3,
              error: { type: "Error", message: "SubmitJob: throttled" },
              at: "2026-03-01T10:00:00.000Z",
              payload: { runId: "run_1" },
            },
          ],
        },
      });
    } finally {
      sqs.restore();
      delete process.env.GYRE_DEAD_LETTER_QUEUE_URL;
      delete process.env.GYRE_FAILED_INVOCATIONS_QUEUE_URL;
    }
  });
});
