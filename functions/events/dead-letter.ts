import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { parse } from "@aws-lambda-powertools/parser";
import { SqsSchema } from "@aws-lambda-powertools/parser/schemas/sqs";
import type { SqsRecord } from "@aws-lambda-powertools/parser/types";
import type { DeadLetter } from "@gyre/core/platform/bus/index";
import { Envelope } from "@gyre/events";
import { type Make, onAws } from "../shared/handler";

const logger = new Logger();
const metrics = new Metrics();

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
    for (const record of parse(input, undefined, SqsSchema).Records) {
      const event = Envelope.safeParse(parseJson(record.body));
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
