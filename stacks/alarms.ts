import type { GyreBus } from "./bus";

const FIVE_MINUTES = 300;

/** Where the alerts go: an email address confirmed from the message SNS sends it, if any. */
export interface AlertOptions {
  email?: string;
}

/** GYRE_ALERT_EMAIL at deploy subscribes that address to the alerts topic. */
export function alertOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): AlertOptions {
  return env.GYRE_ALERT_EMAIL ? { email: env.GYRE_ALERT_EMAIL } : {};
}

/**
 * An alarm per way an event can be lost on AWS. The rules' dead-letter queue is drained into
 * the events table as soon as a message lands, so its alarm counts messages sent; the
 * failed-invocations queue is only read, never drained, so its alarm counts what waits there.
 * Both tell the `GyreAlerts` topic when they fire and when they clear: subscribe to it (or
 * deploy with GYRE_ALERT_EMAIL) to hear of a lost event the minute it is lost.
 */
export function gyreDeliveryAlarms(
  { deadLetters, failedInvocations }: GyreBus,
  options: AlertOptions = {},
) {
  const topic = new aws.sns.Topic("GyreAlerts", {});
  const email =
    options.email &&
    new aws.sns.TopicSubscription("GyreAlertsEmail", {
      topic: topic.arn,
      protocol: "email",
      endpoint: options.email,
    });
  const alarm = (name: string, queue: aws.sqs.Queue, metricName: string, description: string) =>
    new aws.cloudwatch.MetricAlarm(name, {
      alarmDescription: description,
      alarmActions: [topic.arn],
      okActions: [topic.arn],
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
    topic,
    email,
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
