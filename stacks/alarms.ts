import type { GyreBus } from "./bus";

const FIVE_MINUTES = 300;

/**
 * An alarm per way an event can be lost on AWS. The rules' dead-letter queue is drained into
 * the events table as soon as a message lands, so its alarm counts messages sent; the
 * failed-invocations queue is only read, never drained, so its alarm counts what waits there.
 */
export function gyreDeliveryAlarms({ deadLetters, failedInvocations }: GyreBus) {
  const alarm = (name: string, queue: aws.sqs.Queue, metricName: string, description: string) =>
    new aws.cloudwatch.MetricAlarm(name, {
      alarmDescription: description,
      namespace: "AWS/SQS",
      metricName,
      dimensions: { QueueName: queue.name },
      statistic: metricName === "NumberOfMessagesSent" ? "Sum" : "Maximum",
      period: FIVE_MINUTES,
      evaluationPeriods: 1,
      threshold: 0,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
    });
  return {
    deadLetters: alarm(
      "GyreDeadLettersAlarm",
      deadLetters,
      "NumberOfMessagesSent",
      "A rule gave up delivering an event to its function: GET /events/dead-letters lists it.",
    ),
    failedInvocations: alarm(
      "GyreFailedInvocationsAlarm",
      failedInvocations,
      "ApproximateNumberOfMessagesVisible",
      "A function threw on an event three times and Lambda gave up: GET /events/dead-letters counts them.",
    ),
  };
}
