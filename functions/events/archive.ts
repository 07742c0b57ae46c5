import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { parse } from "@aws-lambda-powertools/parser";
import { DynamoArchive } from "@gyre/core/platform/bus/dynamo-stores";
import { AnyEnvelope } from "@gyre/events/envelope";
import { type Make, onAws } from "../shared/handler";

const logger = new Logger();
const metrics = new Metrics();

/**
 * AWS only: the catch-all rule delivers every event on the bus here, and it is copied into the
 * events table, which GET /events lists (an EventBridge archive can only be replayed, not read).
 * Keyed by the event's own time and id, so a second delivery overwrites the first.
 */
export const make: Make<(input: unknown) => Promise<void>> = (platform) => {
  const archive = new DynamoArchive(platform.state);
  return async (input) => {
    const event = parse(input, undefined, AnyEnvelope);
    if (event["replay-name"]) {
      logger.debug("replayed event not archived again", {
        id: event.id,
        replay: event["replay-name"],
      });
      return;
    }
    const receivedAt = Date.parse(event.time);
    await archive.append({ event, receivedAt: Number.isNaN(receivedAt) ? Date.now() : receivedAt });
    metrics.addDimension("source", event.source);
    metrics.addMetric("EventsArchived", MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
  };
};

export const lambda = onAws(make);
