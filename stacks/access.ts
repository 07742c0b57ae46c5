import type { QueueName } from "@gyre/core/platform/jobs/port";
import type { TableOwner } from "@gyre/core/platform/state/tables";
import type { Access } from "../functions/wiring";

/** One IAM statement, in the shape sst.aws.Function's `permissions` takes. */
export interface Statement {
  actions: string[];
  resources: $util.Input<string>[];
  conditions?: { test: string; variable: string; values: string[] }[];
}

/** What `access.jobs` reaches: Gyre's Batch queues, its job definitions, jobs and logs. */
export interface JobTargets {
  queues: Record<QueueName, $util.Input<string>>;
  /** The role every job runs as, which RegisterJobDefinition passes to ECS. */
  jobRole: $util.Input<string>;
  /** `...:job-definition/gyre-*`: the definitions AwsBatchRunner registers, every revision. */
  jobDefinitions: $util.Input<string>;
  /** `...:job/*`: job ids are unknown until SubmitJob answers. */
  jobs: $util.Input<string>;
  /** `...:log-group:/aws/batch/job:log-stream:*` */
  logStreams: $util.Input<string>;
}

/** What `access.timer` reaches: one-time schedules `gyre-run-*` that invoke the run-due function. */
export interface TimerTargets {
  /** `...:schedule/default/gyre-run-*` */
  schedules: $util.Input<string>;
  /** The role Scheduler assumes to invoke run-due. */
  role: $util.Input<string>;
  runDue: $util.Input<string>;
}

/** What `access.schedules` reaches: recurring schedules `gyre-pipeline-*` that invoke schedule-fired. */
export interface ScheduleTargets {
  /** `...:schedule/default/gyre-pipeline-*` */
  schedules: $util.Input<string>;
  /** The role Scheduler assumes to invoke schedule-fired. */
  role: $util.Input<string>;
  scheduleFired: $util.Input<string>;
}

/** What `access.endpoints` reaches: SageMaker's `gyre-*` resources, their alarms and scaling. */
export interface EndpointTargets {
  /** `...:endpoint/gyre-*`, `...:endpoint-config/gyre-*`, `...:model/gyre-*` */
  sagemaker: $util.Input<string>[];
  /** The role SageMaker runs the model containers as, which CreateModel passes. */
  executionRole: $util.Input<string>;
  /** `...:alarm:gyre-*`: the rollback alarms of each endpoint config. */
  alarms: $util.Input<string>;
  /** `...:scalable-target/*`: Application Auto Scaling names targets by an id of its own. */
  scalableTargets: $util.Input<string>;
  /** The service-linked role RegisterScalableTarget creates the first time in an account. */
  autoscalingRole: $util.Input<string>;
}

/** The ARNs a function's access can name. */
export interface AccessTargets {
  tables: Record<TableOwner, $util.Input<string>>;
  bus: $util.Input<string>;
  archive: $util.Input<string>;
  /** Replays the archive may start (StartReplay acts on the archive and on the replay). */
  replays: $util.Input<string>;
  bucket: $util.Input<string>;
  bucketObjects: $util.Input<string>;
  jobs?: JobTargets;
  timer?: TimerTargets;
  schedules?: ScheduleTargets;
  endpoints?: EndpointTargets;
  /** The rules' dead-letter queue and the async functions' failed-invocations queue. */
  deadLetterQueues: { deadLetters: $util.Input<string>; failedInvocations: $util.Input<string> };
}

const TABLE_READ = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:ConditionCheckItem",
];
const TABLE_WRITE = [
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
];

/**
 * Exactly the statements an access declaration asks for. Nothing is granted on `*` but
 * batch:DescribeJobs and cloudwatch:GetMetricData, which have no resource type: IAM accepts
 * them only on `*`.
 */
export function statementsFor(access: Access, to: AccessTargets): Statement[] {
  const statements: Statement[] = [];
  for (const [owner, mode] of Object.entries(access.tables ?? {}) as [TableOwner, string][]) {
    const table = to.tables[owner];
    if (mode.includes("read")) {
      statements.push({
        actions: TABLE_READ,
        resources: [table, $util.interpolate`${table}/index/*`],
      });
    }
    if (mode.includes("write")) statements.push({ actions: TABLE_WRITE, resources: [table] });
  }
  if (access.publish) statements.push({ actions: ["events:PutEvents"], resources: [to.bus] });
  if (access.replay) {
    statements.push({ actions: ["events:StartReplay"], resources: [to.archive, to.replays] });
  }
  statements.push(...bucketStatements(access.bucket, to));
  if (access.jobs) statements.push(...jobStatements(required(to.jobs, "jobs")));
  else if (access.jobLogs) statements.push(...jobLogStatements(required(to.jobs, "jobs")));
  if (access.timer) statements.push(...timerStatements(required(to.timer, "timer")));
  if (access.schedules) {
    statements.push(...scheduleStatements(required(to.schedules, "schedules")));
  }
  if (access.endpoints) {
    statements.push(...endpointStatements(required(to.endpoints, "endpoints")));
  } else if (access.endpointMetrics) {
    statements.push(...endpointMetricStatements(required(to.endpoints, "endpoints")));
  }
  if (access.deadLetterQueues) {
    statements.push({
      actions: ["sqs:GetQueueAttributes", "sqs:ReceiveMessage"],
      resources: Object.values(to.deadLetterQueues),
    });
  }
  return statements;
}

/** The bucket's objects a function reads and writes: every key, or the keys under prefixes. */
function bucketStatements(bucket: Access["bucket"], to: AccessTargets): Statement[] {
  if (!bucket) return [];
  const all = (mode: "read" | "write") =>
    typeof bucket === "string" && bucket.includes(mode) ? [""] : [];
  const read = typeof bucket === "string" ? all("read") : (bucket.read ?? []);
  const write = typeof bucket === "string" ? all("write") : (bucket.write ?? []);
  const objects = (prefixes: string[]) =>
    prefixes.map((p) => (p ? $util.interpolate`${to.bucket}/${p}*` : to.bucketObjects));
  const statements: Statement[] = [];
  if (read.length) {
    statements.push({ actions: ["s3:GetObject"], resources: objects(read) });
    const listed = read.includes("")
      ? {}
      : {
          conditions: [
            { test: "StringLike", variable: "s3:prefix", values: read.map((p) => `${p}*`) },
          ],
        };
    statements.push({ actions: ["s3:ListBucket"], resources: [to.bucket], ...listed });
  }
  if (write.length) {
    statements.push({
      actions: ["s3:PutObject", "s3:AbortMultipartUpload"],
      resources: objects(write),
    });
  }
  return statements;
}

const passedTo = (service: string) => [
  { test: "StringEquals", variable: "iam:PassedToService", values: [service] },
];

function jobStatements(to: JobTargets): Statement[] {
  return [
    // Registering passes the job role to ECS; SubmitJob names a queue, a definition and the new job.
    { actions: ["batch:RegisterJobDefinition"], resources: [to.jobDefinitions] },
    {
      actions: ["batch:SubmitJob"],
      resources: [...Object.values(to.queues), to.jobDefinitions, to.jobs],
    },
    // SubmitJob with tags also authorizes batch:TagResource on the new job: only Gyre's tag keys.
    {
      actions: ["batch:TagResource"],
      resources: [to.jobs],
      conditions: [
        { test: "ForAllValues:StringLike", variable: "aws:TagKeys", values: ["gyre:*"] },
      ],
    },
    {
      actions: ["batch:TerminateJob"],
      resources: [to.jobs],
      conditions: [{ test: "Null", variable: "aws:ResourceTag/gyre:run", values: ["false"] }],
    },
    // Finding a run's job by name after a cut-off SubmitJob; ListJobs takes no resource ARN.
    { actions: ["batch:ListJobs"], resources: ["*"] },
    {
      actions: ["iam:PassRole"],
      resources: [to.jobRole],
      conditions: passedTo("ecs-tasks.amazonaws.com"),
    },
    ...jobLogStatements(to),
  ];
}

function jobLogStatements(to: JobTargets): Statement[] {
  return [
    { actions: ["batch:DescribeJobs"], resources: ["*"] },
    { actions: ["logs:GetLogEvents"], resources: [to.logStreams] },
  ];
}

function timerStatements(to: TimerTargets): Statement[] {
  return [
    { actions: ["scheduler:CreateSchedule"], resources: [to.schedules] },
    {
      actions: ["iam:PassRole"],
      resources: [to.role],
      conditions: passedTo("scheduler.amazonaws.com"),
    },
  ];
}

function scheduleStatements(to: ScheduleTargets): Statement[] {
  return [
    {
      actions: ["scheduler:CreateSchedule", "scheduler:UpdateSchedule", "scheduler:DeleteSchedule"],
      resources: [to.schedules],
    },
    {
      actions: ["iam:PassRole"],
      resources: [to.role],
      conditions: passedTo("scheduler.amazonaws.com"),
    },
  ];
}

/** What AwsSageMakerHost calls, and nothing else; DescribeEndpoint also serves scaling. */
export const SAGEMAKER_ACTIONS = [
  "sagemaker:CreateModel",
  "sagemaker:CreateEndpointConfig",
  "sagemaker:CreateEndpoint",
  "sagemaker:UpdateEndpoint",
  "sagemaker:DescribeEndpoint",
  "sagemaker:DescribeEndpointConfig",
  "sagemaker:DeleteEndpoint",
  "sagemaker:DeleteEndpointConfig",
  "sagemaker:DeleteModel",
  "sagemaker:InvokeEndpoint",
  "sagemaker:AddTags",
  "sagemaker:ListTags",
  "sagemaker:UpdateEndpointWeightsAndCapacities",
];

/** Reading an endpoint's request, error and latency figures: describe it, then CloudWatch. */
function endpointMetricStatements(to: EndpointTargets): Statement[] {
  return [
    {
      actions: ["sagemaker:DescribeEndpoint", "sagemaker:DescribeEndpointConfig"],
      resources: to.sagemaker,
    },
    // GetMetricData has no resource type in IAM: "*" or nothing.
    { actions: ["cloudwatch:GetMetricData"], resources: ["*"] },
  ];
}

function endpointStatements(to: EndpointTargets): Statement[] {
  const sagemakerVariants = [
    {
      test: "StringEquals",
      variable: "application-autoscaling:service-namespace",
      values: ["sagemaker"],
    },
    {
      test: "StringEquals",
      variable: "application-autoscaling:scalable-dimension",
      values: ["sagemaker:variant:DesiredInstanceCount"],
    },
  ];
  return [
    { actions: SAGEMAKER_ACTIONS, resources: to.sagemaker },
    {
      actions: ["iam:PassRole"],
      resources: [to.executionRole],
      conditions: passedTo("sagemaker.amazonaws.com"),
    },
    {
      actions: [
        "cloudwatch:PutMetricAlarm",
        "cloudwatch:DescribeAlarms",
        "cloudwatch:DeleteAlarms",
      ],
      resources: [to.alarms],
    },
    // GetMetricData has no resource type in IAM: "*" or nothing.
    { actions: ["cloudwatch:GetMetricData"], resources: ["*"] },
    {
      actions: [
        "application-autoscaling:RegisterScalableTarget",
        "application-autoscaling:DeregisterScalableTarget",
        "application-autoscaling:PutScalingPolicy",
      ],
      resources: [to.scalableTargets],
      conditions: sagemakerVariants,
    },
    {
      actions: ["iam:CreateServiceLinkedRole"],
      resources: [to.autoscalingRole],
      conditions: [
        {
          test: "StringEquals",
          variable: "iam:AWSServiceName",
          values: ["sagemaker.application-autoscaling.amazonaws.com"],
        },
      ],
    },
  ];
}

function required<T>(targets: T | undefined, kind: string): T {
  if (!targets)
    throw new Error(`access.${kind} was asked for, but stacks/ made no ${kind} targets.`);
  return targets;
}

/** A service reaches only its own table, plus the platform's `events` and `tokens`. */
export function assertOwnTables(service: string, who: string, access: Access): void {
  for (const owner of Object.keys(access.tables ?? {})) {
    if (owner !== service && owner !== "events" && owner !== "tokens") {
      throw new Error(
        `${who} (service ${service}) asks for the ${owner} table: a service may use only its own table, events and tokens.`,
      );
    }
  }
}
