import { awsEventLog } from "@gyre/core/platform/bus/aws-event-log";
import type { Envelope } from "@gyre/events";
import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventsApi } from "./api";

let platform: TestPlatform;
let app: ReturnType<typeof eventsApi>;

beforeAll(async () => {
  platform = await startTestPlatform();
  app = eventsApi(platform, { heartbeatMs: 25 });
});
afterAll(() => platform.close());

interface Message {
  comment?: string;
  id?: string;
  event?: string;
  data?: string;
}

/** An open stream: reads server-sent messages as they come. */
async function open(query = "", headers: Record<string, string> = {}) {
  const res = await app.request(`/events/stream${query}`, {
    headers: { ...platform.as.viewer, ...headers },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const messages: Message[] = [];
  let text = "";
  async function until(found: (m: Message) => boolean): Promise<Message[]> {
    for (;;) {
      const at = messages.findIndex(found);
      if (at >= 0) return messages.splice(0, at + 1);
      const { value, done } = await reader.read();
      if (done) throw new Error("the stream ended");
      text += decoder.decode(value, { stream: true });
      const blocks = text.split("\n\n");
      text = blocks.pop() ?? "";
      messages.push(...blocks.map(parse));
    }
  }
  const upToLive = await until((m) => m.comment !== undefined && m.comment !== "heartbeat");
  messages.unshift(...events(upToLive));
  return { until, close: () => reader.cancel() };
}

function parse(block: string): Message {
  const message: Message = {};
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) message.comment = line.slice(1).trim();
    const [, field, value] = /^(id|event|data): ?(.*)$/.exec(line) ?? [];
    if (field) message[field as "id" | "event" | "data"] = value;
  }
  return message;
}

async function put(source: string, detailType: string, detail: object = {}) {
  const result = await platform.bus.putEvents([
    { Source: source, DetailType: detailType, Detail: JSON.stringify(detail) },
  ]);
  return result.Entries[0]?.EventId as string;
}

const events = (messages: Message[]) => messages.filter((m) => m.id);

describe("GET /events/stream", () => {
  it("sends each new bus event as one message: id, detail-type, the envelope", async () => {
    const stream = await open();
    const id = await put("gyre.stream", "Thing Happened", { n: 1 });
    const [message] = events(await stream.until((m) => m.id === id));
    expect(message).toMatchObject({ id, event: "Thing Happened" });
    const envelope = JSON.parse(message?.data ?? "{}") as Envelope;
    expect(envelope).toMatchObject({
      id,
      source: "gyre.stream",
      "detail-type": "Thing Happened",
      detail: { n: 1 },
    });
    await stream.close();
  });

  it("sends only the events its filters match: source, detail-type, correlationId", async () => {
    const stream = await open("?source=gyre.filtered&detailType=Wanted&correlationId=cor_1");
    const trip = (correlationId: string) => ({ metadata: { correlationId } });
    await put("gyre.other", "Wanted", trip("cor_1"));
    await put("gyre.filtered", "Unwanted", trip("cor_1"));
    await put("gyre.filtered", "Wanted", trip("cor_2"));
    const wanted = await put("gyre.filtered", "Wanted", trip("cor_1"));
    expect(events(await stream.until((m) => m.id === wanted)).map((m) => m.id)).toEqual([wanted]);
    await stream.close();
  });

  it("replays archived events after Last-Event-ID (header or ?since=) first, then goes live", async () => {
    const [first, second, third] = [
      await put("gyre.resume", "One"),
      await put("gyre.resume", "Two"),
      await put("gyre.resume", "Three"),
    ];
    const after = [second, third];
    for (const [query, headers] of [
      ["?source=gyre.resume", { "last-event-id": first as string }],
      [`?source=gyre.resume&since=${first}`, {}],
    ] as const) {
      const stream = await open(query, headers);
      const live = await put("gyre.resume", "Four");
      after.push(live);
      const got = events(await stream.until((m) => m.id === live));
      expect(got.map((m) => m.id)).toEqual(after);
      expect(got.slice(0, 3).map((m) => m.event)).toEqual(["Two", "Three", "Four"]);
      await stream.close();
    }
  });

  it("replays from a time with ?since=, and says so when it does not know the Last-Event-ID", async () => {
    const from = new Date().toISOString();
    const recent = await put("gyre.since", "Recent");
    const byTime = await open(`?source=gyre.since&since=${encodeURIComponent(from)}`);
    expect(events(await byTime.until((m) => m.id === recent))).toHaveLength(1);
    await byTime.close();

    const res = await app.request("/events/stream?source=gyre.since", {
      headers: { ...platform.as.viewer, "last-event-id": "not-an-archived-id" },
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain("not among the newest archived events");
    await reader.cancel();
  });

  it("sends a heartbeat comment while nothing happens", async () => {
    const stream = await open("?source=gyre.quiet");
    expect(await stream.until((m) => m.comment === "heartbeat")).toContainEqual({
      comment: "heartbeat",
    });
    await stream.close();
  });

  it("needs a token", async () => {
    const res = await app.request("/events/stream");
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      "auth.missing_token",
    );
  });

  it("answers 501 events.stream_unavailable where the host cannot stream (AWS), pointing at GET /events", async () => {
    const onAws = eventsApi({ tokens: platform.tokens, events: awsEventLog(platform.state) });
    const res = await onAws.request("/events/stream", { headers: platform.as.viewer });
    expect(res.status).toBe(501);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("events.stream_unavailable");
    expect(error.message).toContain("poll GET /events");
  });
});
