import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { parse } from "@aws-lambda-powertools/parser";
import type { DeadLetter } from "@gyre/core/platform/bus/index";
import type { Envelope } from "@gyre/events";
import { AnyEnvelope } from "@gyre/events/envelope";
import * as z from "zod/mini";
import { type Make, onAws } from "../shared/handler";

const logger = new Logger();
const metrics = new Metrics();

/**
 * What this function reads of an SQS batch, in zod's mini form (Powertools' SqsSchema would
 * bundle all of zod): each message's id, body, SentTimestamp and string attributes.
 */
const SqsRecord = z.object({
  messageId: z.string(),
  body: z.string(),
  attributes: z.object({ SentTimestamp: z.string() }),
  messageAttributes: z.record(z.string(), z.object({ stringValue: z.optional(z.string()) })),
});
type SqsRecord = z.infer<typeof SqsRecord>;
const SqsBatch = z.object({ Records: z.array(SqsRecord) });

/**
 * AWS only: reads the rules' dead-letter queue (EventBridge puts each event a target never
 * accepted there, with the rule, error and retry count as message attributes) into the events
 * table, where GET /events/dead-letters lists it. A record that fails to store is retried.
 */
export const make: Make<
  (input: unknown) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>
> =
  ({ deadLetters }) =>
  async (input) => {
    const batchItemFailures: { itemIdentifier: string }[] = [];
    for (const record of parse(input, undefined, SqsBatch).Records) {
      const event = AnyEnvelope.safeParse(parseJson(record.body));
      if (!event.success) {
        logger.error("dead letter is not an event; dropped", {
          messageId: record.messageId,
          body: record.body,
        });
        continue;
      }
      try {
        await deadLetters.put(deadLetterOf(record, event.data));
        metrics.addMetric("DeadLetters", MetricUnit.Count, 1);
      } catch (error) {
        logger.error("dead letter not stored; SQS will redeliver it", {
          messageId: record.messageId,
          error,
        });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    metrics.publishStoredMetrics();
    return { batchItemFailures };
  };

export const lambda = onAws(make);

function deadLetterOf(record: SqsRecord, event: Envelope): DeadLetter {
  const attribute = (name: string) => record.messageAttributes[name]?.stringValue ?? undefined;
  const lastAttemptAt = Number(record.attributes.SentTimestamp);
  return {
    rule: attribute("RULE_ARN")?.split("/").at(-1) ?? "unknown",
    event,
    reason: attribute("EXHAUSTED_RETRY_CONDITION")?.includes("Age")
      ? "MaximumEventAgeExceeded"
      : "MaximumRetryAttemptsExceeded",
    error: {
      name: attribute("ERROR_CODE") ?? "Unknown",
      message: attribute("ERROR_MESSAGE") ?? "",
    },
    attempts: Number(attribute("RETRY_ATTEMPTS") ?? 0) + 1,
    firstAttemptAt: Date.parse(event.time) || lastAttemptAt,
    lastAttemptAt,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
