import { followEvents, type ResumePoint } from "@gyre/core/platform/bus/index";
import { createApp } from "@gyre/core/platform/http/app";
import { ErrorBody, errorResponse } from "@gyre/core/platform/http/errors";
import { authedRoute } from "@gyre/core/platform/http/route";
import type { Platform } from "@gyre/core/platform/platform";
import type { Envelope } from "@gyre/events";
import { z } from "@hono/zod-openapi";
import { type SSEStreamingApi, streamSSE } from "hono/streaming";
import { StreamQuery } from "./schemas";

export const HEARTBEAT_MS = 15_000;

const notes = {
  unknown_id: "the Last-Event-ID is not among the newest archived events; new events only",
  truncated: "more archived events than one stream replays; the newest of them only",
};

/** GET /events/stream: bus events as server-sent events, where the host can hold a connection. */
export function eventStreamApi(
  { tokens, events }: Pick<Platform, "tokens" | "events">,
  { heartbeatMs = HEARTBEAT_MS }: { heartbeatMs?: number } = {},
) {
  const app = createApp();
  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/events/stream",
      tags: ["events"],
      summary: "Bus events live, as server-sent events (the filters of GET /events)",
      description:
        "One message per event: `id` the event id, `event` its detail-type, `data` the envelope as JSON; a `: heartbeat` comment every 15 s. Reconnecting with `Last-Event-ID` (or `?since=`) sends the archived events after it first. Where the host cannot stream (AWS Lambda behind API Gateway) it answers 501 `events.stream_unavailable`: poll GET /events.",
      request: { query: StreamQuery },
      responses: {
        200: {
          description: "An endless text/event-stream",
          content: { "text/event-stream": { schema: z.string() } },
        },
        501: {
          description: "This host cannot stream: poll GET /events",
          content: { "application/json": { schema: ErrorBody } },
        },
      },
    }),
    async (c) => {
      const { stream } = events;
      if (!stream.available) {
        return errorResponse(c, 501, "events.stream_unavailable", stream.reason);
      }
      const { since, ...filters } = c.req.valid("query");
      const resume = resumePoint(c.req.header("last-event-id") ?? since);
      return streamSSE(c, async (sse) => {
        const done = new Promise<void>((resolve) => sse.onAbort(resolve));
        const send = inOrder(sse);
        const follow = await followEvents(events, stream, filters, resume, send.event);
        send.comment(follow.note ? notes[follow.note] : "following");
        const heartbeat = setInterval(() => send.comment("heartbeat"), heartbeatMs);
        await done;
        clearInterval(heartbeat);
        follow.stop();
      }) as never;
    },
  );
  return app;
}

/** An id unless it reads as a time: Gyre's event ids are UUIDs, never ISO 8601 times. */
function resumePoint(value: string | undefined): ResumePoint | undefined {
  if (!value) return undefined;
  return z.iso.datetime({ offset: true }).safeParse(value).success
    ? { since: new Date(value) }
    : { afterId: value };
}

/** Writes each event as one SSE message and each comment as a `:` line, one after another. */
function inOrder(sse: SSEStreamingApi) {
  let chain = Promise.resolve();
  const then = (write: () => Promise<unknown>) => {
    chain = chain.then(write).then(() => undefined);
  };
  return {
    event: (event: Envelope) =>
      then(() =>
        sse.writeSSE({ id: event.id, event: event["detail-type"], data: JSON.stringify(event) }),
      ),
    comment: (text: string) => then(() => sse.write(`: ${text}\n\n`)),
  };
}
