import { Envelope } from "@gyre/events";
import { z } from "@hono/zod-openapi";
import { ListQuery } from "../shared/schemas";

export const EventEnvelope = z.object(Envelope.shape).openapi("Event");

export const EventsQuery = ListQuery.extend({
  source: z.string().optional().openapi({ example: "aws.s3" }),
  detailType: z.string().optional().openapi({ example: "Object Created" }),
  correlationId: z
    .string()
    .optional()
    .openapi({ description: "only the events of one trip round the loop", example: "cor_01J..." }),
  since: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({ description: "only events received at or after this time" }),
});

export const PutEventsBody = z
  .object({
    entries: z
      .array(
        z.object({
          source: z.string().min(1),
          detailType: z.string().min(1),
          detail: z.record(z.string(), z.unknown()),
          resources: z.array(z.string()).optional(),
        }),
      )
      .min(1)
      .max(10, "at most 10 entries per call, as PutEvents"),
  })
  .openapi("PutEventsRequest");

export const PutEventsAnswer = z
  .object({
    failedEntryCount: z.number().int(),
    entries: z.array(
      z.union([
        z.object({ eventId: z.string() }),
        z.object({ errorCode: z.string(), errorMessage: z.string() }),
      ]),
    ),
  })
  .openapi("PutEventsResponse");

export const ReplayBody = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    pattern: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: "an EventBridge event pattern" }),
    name: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/)
      .optional(),
  })
  .refine((body) => Date.parse(body.from) <= Date.parse(body.to), {
    message: "from must not be after to",
    path: ["from"],
  })
  .openapi("ReplayRequest");

export const DeadLetterItem = z
  .object({
    rule: z.string(),
    event: EventEnvelope,
    reason: z.string(),
    error: z.object({ name: z.string(), message: z.string() }),
    attempts: z.number().int(),
    firstAttemptAt: z.number(),
    lastAttemptAt: z.number(),
  })
  .openapi("DeadLetter");

export const ReplayAnswer = z
  .object({ replayName: z.string(), events: z.number().int() })
  .openapi("ReplayResponse");

export const StreamQuery = EventsQuery.omit({ limit: true, cursor: true, since: true }).extend({
  since: z
    .union([z.iso.datetime({ offset: true }), z.string().min(1).max(200)])
    .optional()
    .openapi({
      description:
        "replay archived events first: after this event id (as the `Last-Event-ID` header, which wins), or received at or after this time",
    }),
});
