import { archiver as archive, deadLetterReader as deadLetters } from "../functions/events/service";
import type { GyreBus } from "./bus";
import { type FunctionContext, makeFunction } from "./functions";
import { busRule } from "./subscriptions";

/** Matches every event: EventBridge has no empty pattern, but every event has a source. */
export const EVERY_EVENT = { source: [{ prefix: "" }] };
export const ARCHIVE_RULE = "gyre-archive";

/**
 * The events service's own AWS-only functions: one copies every event into the events
 * table (GET /events lists it; an EventBridge archive cannot be listed), the other turns
 * the rules' dead-letter queue into entries for GET /events/dead-letters.
 */
export function gyreEventsPlumbing(gyre: GyreBus, context: FunctionContext) {
  const archiver = makeFunction(context, {
    name: "EventsArchive",
    service: "events",
    module: archive.handler,
    access: archive.access,
    invokedAsync: true,
  });
  const archiveRule = busRule(ARCHIVE_RULE, EVERY_EVENT, archiver, gyre);

  const deadLetterReader = makeFunction(context, {
    name: "EventsDeadLetter",
    service: "events",
    module: deadLetters.handler,
    access: deadLetters.access,
    statements: [
      {
        actions: [
          "sqs:ReceiveMessage",
          "sqs:DeleteMessage",
          "sqs:ChangeMessageVisibility",
          "sqs:GetQueueAttributes",
        ],
        resources: [gyre.deadLetters.arn],
      },
    ],
  });
  new aws.lambda.EventSourceMapping("EventsDeadLetterSource", {
    eventSourceArn: gyre.deadLetters.arn,
    functionName: deadLetterReader.name,
    batchSize: 10,
    functionResponseTypes: ["ReportBatchItemFailures"],
  });
  return { archiveRule };
}
