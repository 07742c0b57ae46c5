import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { make } from "./dead-letter";

let platform: TestPlatform;
let handler: ReturnType<typeof make>;
beforeAll(async () => {
  platform = await startTestPlatform();
  handler = make(platform, { rule: "test" });
});
afterAll(() => platform.close());

const event = {
  version: "0",
  id: "e-1",
  "detail-type": "Dataset Version Created",
  source: "gyre.datasets",
  account: "123456789012",
  time: "2026-03-01T12:00:00Z",
  region: "eu-west-1",
  resources: [],
  detail: { dataset: "churn" },
};

const text = (stringValue: string) => ({
  stringValue,
  dataType: "String",
  stringListValues: [],
  binaryListValues: [],
});

/** An SQS record as EventBridge leaves it in a rule's dead-letter queue. */
function record(messageId: string, body: string) {
  return {
    messageId,
    receiptHandle: "handle",
    body,
    attributes: {
      ApproximateReceiveCount: "1",
      SentTimestamp: String(Date.parse("2026-03-01T12:20:00Z")),
      SenderId: "AIDAEXAMPLE",
      ApproximateFirstReceiveTimestamp: String(Date.parse("2026-03-01T12:20:01Z")),
    },
    messageAttributes: {
      RULE_ARN: text("arn:aws:events:eu-west-1:123456789012:rule/gyre-bus/training-on-dataset"),
      TARGET_ARN: text("arn:aws:lambda:eu-west-1:123456789012:function:TrainingOnDataset"),
      ERROR_CODE: text("SDK_CLIENT_ERROR"),
      ERROR_MESSAGE: text("Function threw"),
      EXHAUSTED_RETRY_CONDITION: text("MaximumRetryAttempts"),
      RETRY_ATTEMPTS: text("185"),
    },
    md5OfBody: "0",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:eu-west-1:123456789012:gyre-dead-letters",
    awsRegion: "eu-west-1",
  };
}

describe("dead-letter handler", () => {
  it("stores each dead-lettered event with its rule, error and attempts, and drops what is not an event", async () => {
    const answer = await handler({
      Records: [record("m-1", JSON.stringify(event)), record("m-2", "not json")],
    });

    expect(answer).toEqual({ batchItemFailures: [] });
    expect(await platform.deadLetters.list()).toEqual([
      {
        rule: "training-on-dataset",
        event,
        reason: "MaximumRetryAttemptsExceeded",
        error: { name: "SDK_CLIENT_ERROR", message: "Function threw" },
        attempts: 186,
        firstAttemptAt: Date.parse("2026-03-01T12:00:00Z"),
        lastAttemptAt: Date.parse("2026-03-01T12:20:00Z"),
      },
    ]);
  });
});
