/**
 * The Gyre bus, its archive (what replay reads), the queue every rule dead-letters into, and
 * the queue asynchronously invoked functions send an event to when Lambda's retries run out.
 */
export interface GyreBus {
  bus: aws.cloudwatch.EventBus;
  archive: aws.cloudwatch.EventArchive;
  deadLetters: aws.sqs.Queue;
  failedInvocations: aws.sqs.Queue;
  /** ARNs of the replays StartReplay may create from the archive. */
  replays: $util.Output<string>;
}

const FOURTEEN_DAYS = 14 * 24 * 60 * 60;

export function gyreBus(): GyreBus {
  const bus = new aws.cloudwatch.EventBus("GyreBus", {});
  const archive = new aws.cloudwatch.EventArchive("GyreArchive", {
    eventSourceArn: bus.arn,
    description: "Every event on the Gyre bus, for POST /events/replay",
    retentionDays: 0,
  });
  const deadLetters = new aws.sqs.Queue("GyreDeadLetters", {
    messageRetentionSeconds: FOURTEEN_DAYS,
    // AWS asks for six times the reading function's timeout (30 s) before a message reappears.
    visibilityTimeoutSeconds: 180,
    sqsManagedSseEnabled: true,
  });
  new aws.sqs.QueuePolicy("GyreDeadLettersPolicy", {
    queueUrl: deadLetters.url,
    policy: $util.jsonStringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: "sqs:SendMessage",
          Resource: deadLetters.arn,
          Condition: { ArnLike: { "aws:SourceArn": rulesOf(bus.arn) } },
        },
      ],
    }),
  });
  const failedInvocations = new aws.sqs.Queue("GyreFailedInvocations", {
    messageRetentionSeconds: FOURTEEN_DAYS,
    sqsManagedSseEnabled: true,
  });
  return {
    bus,
    archive,
    deadLetters,
    failedInvocations,
    replays: archive.arn.apply((arn) => arn.replace(/:archive\/.*$/, ":replay/*")),
  };
}

/** `...:event-bus/<bus>` → `...:rule/<bus>/*`: only this bus's rules may dead-letter here. */
function rulesOf(busArn: $util.Output<string>): $util.Output<string> {
  return busArn.apply((arn) => `${arn.replace(":event-bus/", ":rule/")}/*`);
}

/** A rule on the default bus that puts matching AWS events onto the Gyre bus. */
export function forwardToBus(
  name: string,
  bus: aws.cloudwatch.EventBus,
  pattern: $util.Input<object>,
) {
  const role = new aws.iam.Role(`${name}Role`, {
    assumeRolePolicy: $util.jsonStringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: "sts:AssumeRole",
        },
      ],
    }),
  });
  new aws.iam.RolePolicy(`${name}Policy`, {
    role: role.id,
    policy: $util.jsonStringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "events:PutEvents", Resource: bus.arn }],
    }),
  });
  const rule = new aws.cloudwatch.EventRule(name, {
    eventBusName: "default",
    eventPattern: $util.jsonStringify(pattern),
  });
  new aws.cloudwatch.EventTarget(`${name}Target`, {
    rule: rule.name,
    eventBusName: "default",
    arn: bus.arn,
    roleArn: role.arn,
  });
  return rule;
}
