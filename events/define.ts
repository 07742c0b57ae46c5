import * as z from "zod";

export const Metadata = z
  .object({
    actor: z.string().min(1).describe("who caused this: a token name, `policy` or `system`"),
    correlationId: z.string().min(1).describe("one id per trip round the loop"),
    causationId: z
      .string()
      .nullable()
      .describe("id of the event that caused this one; null when a request started it"),
    eventKey: z
      .string()
      .min(1)
      .optional()
      .describe(
        "the state change this event announces, the same each time it is published again (delivery is at least once)",
      ),
  })
  .describe("who and what caused the event");
export type Metadata = z.infer<typeof Metadata>;

/**
 * EventBridge's envelope around every event's detail, in classic zod so the API's OpenAPI document
 * can describe it. envelope.ts holds the same fields in zod/mini for functions that only read
 * envelopes; envelope.test.ts keeps the two in step.
 */
export const Envelope = z.object({
  version: z.literal("0"),
  id: z.string(),
  "detail-type": z.string(),
  source: z.string(),
  account: z.string(),
  time: z.string(),
  region: z.string(),
  resources: z.array(z.string()),
  detail: z.record(z.string(), z.unknown()),
  "replay-name": z.string().optional(),
});
export type Envelope = z.infer<typeof Envelope>;

/** A Gyre event's detail: the fields a consumer needs, plus `metadata`. */
export function gyreDetail<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object({ ...shape, metadata: Metadata });
}

/** One PutEvents request entry, in the shape of the EventBridge API. */
export interface PutEventsEntry {
  Source: string;
  DetailType: string;
  Detail: string;
  Resources?: string[];
  Time?: Date;
  EventBusName?: string;
  TraceHeader?: string;
}

export type PutEventsResultEntry =
  | { EventId: string; ErrorCode?: undefined; ErrorMessage?: undefined }
  | { EventId?: undefined; ErrorCode: string; ErrorMessage: string };

export interface PutEventsResult {
  FailedEntryCount: number;
  Entries: PutEventsResultEntry[];
}

/** What a publisher needs from a bus: the PutEvents call, local or on AWS. */
export interface EventPublisher {
  putEvents(entries: PutEventsEntry[]): Promise<PutEventsResult>;
}

export type EventPattern = {
  source: [string];
  "detail-type": [string];
};

export class PublishError extends Error {
  readonly code = "events.publish_failed";
}

export function defineEvent<
  Source extends string,
  DetailType extends string,
  Detail extends z.ZodType,
>(source: Source, detailType: DetailType, detail: Detail) {
  const pattern: EventPattern = { source: [source], "detail-type": [detailType] };
  const envelope = Envelope.extend({
    source: z.literal(source),
    "detail-type": z.literal(detailType),
    detail,
  });

  function entry(value: z.input<Detail>, resources?: string[]): PutEventsEntry {
    const parsed = detail.parse(value);
    return {
      Source: source,
      DetailType: detailType,
      Detail: JSON.stringify(parsed),
      ...(resources?.length ? { Resources: resources } : {}),
    };
  }

  async function publish(bus: EventPublisher, value: z.input<Detail>, resources?: string[]) {
    const result = await bus.putEvents([entry(value, resources)]);
    const [outcome] = result.Entries;
    if (!outcome?.EventId) {
      throw new PublishError(
        `${detailType} was not published: ${outcome?.ErrorCode ?? "unknown"} ${outcome?.ErrorMessage ?? ""}`.trim(),
      );
    }
    return outcome.EventId;
  }

  return { source, detailType, detail, envelope, pattern, entry, publish };
}

export type EventDefinition = ReturnType<typeof defineEvent>;
export type EventDetail<E extends { detail: z.ZodType }> = z.infer<E["detail"]>;
export type EventEnvelopeOf<E extends { envelope: z.ZodType }> = z.infer<E["envelope"]>;
