import { GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { requiredEnv } from "./aws-bus";
import {
  type DeadLetterQueues,
  type FailedInvocation,
  failedInvocationOf,
  type QueueDepth,
} from "./dead-letter-queues";

let client: SQSClient | undefined;

function sqs(): SQSClient {
  client ??= new SQSClient({});
  return client;
}

/** SQS's most per ReceiveMessage. */
const PEEK = 10;

/**
 * Both queues' depths, and up to 10 failed invocations received with a visibility timeout of
 * 0: a peek that deletes nothing and hides nothing from the next reader.
 */
export async function readDeadLetterQueues(): Promise<DeadLetterQueues> {
  const rulesUrl = requiredEnv("GYRE_DEAD_LETTER_QUEUE_URL");
  const failedUrl = requiredEnv("GYRE_FAILED_INVOCATIONS_QUEUE_URL");
  const [rules, failed, recent] = await Promise.all([
    depthOf(rulesUrl),
    depthOf(failedUrl),
    peek(failedUrl),
  ]);
  return { rules, failedInvocations: { ...failed, recent } };
}

async function depthOf(url: string): Promise<QueueDepth> {
  const { Attributes = {} } = await sqs().send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    }),
  );
  return {
    messages: Number(Attributes.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
  };
}

async function peek(url: string): Promise<FailedInvocation[]> {
  const { Messages = [] } = await sqs().send(
    new ReceiveMessageCommand({
      QueueUrl: url,
      MaxNumberOfMessages: PEEK,
      VisibilityTimeout: 0,
      WaitTimeSeconds: 0,
    }),
  );
  return Messages.flatMap((m) => failedInvocationOf(m.Body ?? "") ?? []).sort((a, b) =>
    b.at.localeCompare(a.at),
  );
}
