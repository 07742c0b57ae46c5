import { createApp } from "@gyre/core/platform/http/app";
import { authedRoute } from "@gyre/core/platform/http/route";
import { newId } from "@gyre/core/platform/ids";
import type { Platform } from "@gyre/core/platform/platform";
import { lambdaApi } from "../shared/lambda-api";
import { json, jsonBody, ListQuery, pageOf } from "../shared/schemas";
import {
  DeadLetterPage,
  EventEnvelope,
  EventsQuery,
  PutEventsAnswer,
  PutEventsBody,
  ReplayAnswer,
  ReplayBody,
} from "./schemas";
import { eventStreamApi } from "./stream";

/** /events: list archived events, put events, replay, dead letters, and the live stream. */
export function eventsApi(
  { tokens, events }: Pick<Platform, "tokens" | "events">,
  streamOptions: { heartbeatMs?: number } = {},
) {
  const app = createApp();
  app.route("/", eventStreamApi({ tokens, events }, streamOptions));

  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/events",
      tags: ["events"],
      summary: "List archived events, newest first",
      request: { query: EventsQuery },
      responses: { 200: json(pageOf(EventEnvelope), "A page of events") },
    }),
    async (c) => {
      const { since, ...query } = c.req.valid("query");
      const page = await events.list({ ...query, since: since ? new Date(since) : undefined });
      return c.json(page, 200);
    },
  );

  app.openapi(
    authedRoute(tokens, "admin", {
      method: "post",
      path: "/events",
      tags: ["events"],
      summary: "Put events on the bus, answered like PutEvents",
      request: {
        ...jsonBody(PutEventsBody),
      },
      responses: {
        200: json(PutEventsAnswer, "Per-entry outcome; failedEntryCount counts the failures"),
      },
    }),
    async (c) => {
      const { entries } = c.req.valid("json");
      const result = await events.put(
        entries.map((e) => ({
          Source: e.source,
          DetailType: e.detailType,
          Detail: JSON.stringify(e.detail),
          ...(e.resources ? { Resources: e.resources } : {}),
        })),
      );
      return c.json(
        {
          failedEntryCount: result.FailedEntryCount,
          entries: result.Entries.map((r) =>
            r.EventId
              ? { eventId: r.EventId }
              : { errorCode: r.ErrorCode ?? "", errorMessage: r.ErrorMessage ?? "" },
          ),
        },
        200,
      );
    },
  );

  app.openapi(
    authedRoute(tokens, "admin", {
      method: "post",
      path: "/events/replay",
      tags: ["events"],
      summary: "Replay archived events received between from and to",
      request: {
        ...jsonBody(ReplayBody),
      },
      responses: { 200: json(ReplayAnswer, "How many events were replayed") },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const result = await events.replay({
        name: body.name ?? newId("replay"),
        from: new Date(body.from),
        to: new Date(body.to),
        pattern: body.pattern,
      });
      return c.json(result, 200);
    },
  );

  app.openapi(
    authedRoute(tokens, "viewer", {
      method: "get",
      path: "/events/dead-letters",
      tags: ["events"],
      summary: "Events a target never accepted, newest first; on AWS, the queues behind them",
      request: { query: ListQuery },
      responses: { 200: json(DeadLetterPage, "A page of dead letters") },
    }),
    async (c) => {
      const [page, queues] = await Promise.all([
        events.deadLetters(c.req.valid("query")),
        events.deadLetterQueues?.(),
      ]);
      return c.json(queues ? { ...page, queues } : page, 200);
    },
  );

  return app;
}

export const make = (platform: Pick<Platform, "tokens" | "events">) => eventsApi(platform);

/** The Lambda entry point on AWS. */
export const lambda = lambdaApi(make);
