import { StartReplayCommand } from "@aws-sdk/client-eventbridge";
import { VisibleError } from "../errors";
import type { Db } from "../state/client";
import { EventBridgePublisher, eventBridge, requiredEnv } from "./aws-bus";
import { DynamoArchive, DynamoDeadLetters } from "./dynamo-stores";
import type { EventLog } from "./event-log";
import type { ReplayRequest } from "./local-bus";

/** A replay runs in the background on AWS: how many events it sends is not known when it starts. */
export const REPLAY_COUNT_UNKNOWN = -1;

/**
 * The events API on AWS: listing reads the events table (the archive function copies every
 * event there, since an EventBridge archive cannot be listed), putting goes to EventBridge,
 * and replay starts an EventBridge replay from the Gyre archive onto the Gyre bus.
 */
export function awsEventLog(db: Db): EventLog {
  const archive = new DynamoArchive(db);
  const deadLetters = new DynamoDeadLetters(db);
  const publisher = new EventBridgePublisher();
  return {
    list: (query) => archive.list(query),
    deadLetters: (query) => deadLetters.page(query),
    put: (entries) => publisher.putEvents(entries),
    replay: startReplay,
    stream: {
      available: false,
      reason:
        "This Gyre runs on AWS Lambda behind API Gateway, which cannot stream responses: poll GET /events?since=<time> instead.",
    },
  };
}

async function startReplay(request: ReplayRequest) {
  if (request.pattern !== undefined) {
    throw new VisibleError(
      "input",
      "events.replay_pattern_unsupported",
      "On AWS a replay cannot be filtered by pattern (EventBridge StartReplay replays the whole time window to every rule); leave out `pattern`.",
    );
  }
  try {
    await eventBridge().send(
      new StartReplayCommand({
        ReplayName: request.name,
        EventSourceArn: requiredEnv("GYRE_ARCHIVE_ARN"),
        Destination: { Arn: requiredEnv("GYRE_BUS_ARN") },
        EventStartTime: request.from,
        EventEndTime: request.to,
      }),
    );
  } catch (error) {
    throw visible(error, request.name);
  }
  return { replayName: request.name, events: REPLAY_COUNT_UNKNOWN };
}

function visible(error: unknown, name: string): unknown {
  const { name: code, message } = error as Error;
  if (code === "ResourceAlreadyExistsException") {
    return new VisibleError(
      "conflict",
      "events.replay_exists",
      `A replay named ${name} already exists.`,
    );
  }
  if (code === "ValidationException" || code === "InvalidEventPatternException") {
    return new VisibleError("input", "events.replay_invalid", message);
  }
  if (code === "LimitExceededException") {
    return new VisibleError("conflict", "events.replay_limit", message);
  }
  return error;
}
