import { GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readDeadLetterQueues } from "./aws-dead-letter-queues";
import { invocationRecord } from "./invocation-record.fixture";

const sqs = mockClient(SQSClient);
const RULES = "https://sqs.eu-west-1.example/123456789012/GyreDeadLetters";
const FAILED = "https://sqs.eu-west-1.example/123456789012/GyreFailedInvocations";

beforeEach(() => {
  sqs.reset();
  process.env.GYRE_DEAD_LETTER_QUEUE_URL = RULES;
  process.env.GYRE_FAILED_INVOCATIONS_QUEUE_URL = FAILED;
});
afterEach(() => {
  delete process.env.GYRE_DEAD_LETTER_QUEUE_URL;
  delete process.env.GYRE_FAILED_INVOCATIONS_QUEUE_URL;
});

describe("readDeadLetterQueues", () => {
  it("counts both queues and peeks at up to 10 failed invocations without hiding them", async () => {
    sqs
      .on(GetQueueAttributesCommand, { QueueUrl: RULES })
      .resolves({
        Attributes: {
          ApproximateNumberOfMessages: "0",
          ApproximateNumberOfMessagesNotVisible: "1",
        },
      })
      .on(GetQueueAttributesCommand, { QueueUrl: FAILED })
      .resolves({
        Attributes: {
          ApproximateNumberOfMessages: "2",
          ApproximateNumberOfMessagesNotVisible: "0",
        },
      });
    sqs.on(ReceiveMessageCommand).resolves({
      Messages: [
        { MessageId: "m1", Body: invocationRecord("2026-03-01T10:00:00.000Z", "run_1") },
        { MessageId: "m2", Body: "not a record" },
        { MessageId: "m3", Body: invocationRecord("2026-03-01T11:00:00.000Z", "run_2") },
      ],
    });

    const queues = await readDeadLetterQueues();

    const attributes = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"];
    expect(sqs.commandCalls(GetQueueAttributesCommand).map((c) => c.args[0].input)).toEqual([
      { QueueUrl: RULES, AttributeNames: attributes },
      { QueueUrl: FAILED, AttributeNames: attributes },
    ]);
    expect(sqs.commandCalls(ReceiveMessageCommand).map((c) => c.args[0].input)).toEqual([
      { QueueUrl: FAILED, MaxNumberOfMessages: 10, VisibilityTimeout: 0, WaitTimeSeconds: 0 },
    ]);
    const failure = (at: string, runId: string) => ({
      function: "TrainingRunDue",
      condition: "RetriesExhausted",
      attempts: 3,
      error: { type: "Error", message: "SubmitJob: throttled" },
      at,
      payload: { runId },
    });
    expect(queues).toEqual({
      rules: { messages: 0, inFlight: 1 },
      failedInvocations: {
        messages: 2,
        inFlight: 0,
        recent: [
          failure("2026-03-01T11:00:00.000Z", "run_2"),
          failure("2026-03-01T10:00:00.000Z", "run_1"),
        ],
      },
    });
  });

  it("refuses to guess a queue when stacks/ did not name it", async () => {
    delete process.env.GYRE_FAILED_INVOCATIONS_QUEUE_URL;
    await expect(readDeadLetterQueues()).rejects.toThrow("GYRE_FAILED_INVOCATIONS_QUEUE_URL");
    expect(sqs.calls()).toEqual([]);
  });
});
