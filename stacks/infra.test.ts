import { queueEnv } from "@gyre/core/platform/jobs/aws-batch";
import { testPattern } from "@gyre/core/platform/pattern/index";
import { tables } from "@gyre/core/platform/state/tables";
import { RUN_DUE_SELF } from "@gyre/core/platform/timers/aws-timer";
import { beforeAll, describe, expect, it } from "vitest";
import { apis, outboxes, subscriptions, ticks } from "../functions/services";
import type { ServiceApi, Subscription } from "../functions/wiring";
import { alertOptionsFromEnv } from "./alarms";
import { routeKeysOf } from "./api";
import { pascal } from "./functions";
import { pendingFilter } from "./outbox";
import {
  ACCOUNT,
  DEFAULT_VPC,
  preparePlatform,
  REGION,
  resolved,
  type Synthesized,
  synthesize,
  typeCheckInfra,
} from "./pulumi-mocks";
import * as training from "./training";

const INSTALL_MS = 5 * 60_000;

const eventsApi = apis.find((api) => api.service === "events") as ServiceApi;
const platformApi = apis.find((api) => api.service === "platform") as ServiceApi;
const fixtureSubscriptions: Subscription[] = [
  {
    name: "training-on-dataset",
    service: "training",
    pattern: { source: ["gyre.datasets"], "detail-type": ["Dataset Version Created"] },
    handler: "functions/training/on-dataset.ts",
    access: { tables: { training: "read-write" }, publish: true },
  },
  {
    name: "datasets-on-object",
    service: "datasets",
    pattern: {
      source: ["aws.s3"],
      "detail-type": ["Object Created"],
      detail: { object: { key: [{ prefix: "data/" }] } },
    },
    handler: "functions/datasets/on-object.ts",
    access: { tables: { datasets: "write" }, bucket: "read" },
  },
];
const fixtureApis: ServiceApi[] = [
  platformApi,
  eventsApi,
  {
    service: "datasets",
    prefixes: ["/datasets"],
    handler: "functions/datasets/api.ts",
    access: { tables: { datasets: "read-write" }, bucket: "write", publish: true },
  },
];

/** The fixtures above, for exact expectations; then the real declarations in functions/. */
let fixture: Synthesized;
let real: Synthesized;
let typeCheck: Promise<string>;

beforeAll(async () => {
  await preparePlatform();
  typeCheck = typeCheckInfra();
  typeCheck.catch(() => {});
  fixture = await synthesize({
    apis: fixtureApis,
    subscriptions: fixtureSubscriptions,
    batchNetwork: { subnets: ["subnet-a", "subnet-b"] },
  });
  real = await synthesize({});
}, INSTALL_MS);

const ofType = (type: string, from = fixture) =>
  from.resources.filter((r) => r.type === `aws:${type}`);
const gyreRules = (from: Synthesized) =>
  ofType("cloudwatch/eventRule:EventRule", from).filter((r) => r.inputs.eventBusName === "GyreBus");
const spec = (name: string) => {
  const found = fixture.functions.find((s) => s.name === name);
  if (!found) throw new Error(`no function ${name}; have ${fixture.functions.map((s) => s.name)}`);
  return found;
};
const policyOf = async (name: string, from = fixture) => {
  const found = from.functions.find((s) => s.name === name);
  if (!found) throw new Error(`no function ${name}; have ${from.functions.map((s) => s.name)}`);
  return resolved(found.permissions);
};
const named = (type: string, name: string, from = fixture) => {
  const found = ofType(type, from).find((r) => r.name === name);
  if (!found) throw new Error(`no ${type} ${name}`);
  return found;
};
const defaultBusRule = (name: string, from = fixture) => {
  const rule = named("cloudwatch/eventRule:EventRule", name, from);
  expect(rule.inputs.eventBusName).toBe("default");
  return rule;
};
const defaultBusTarget = (rule: string, from = fixture) =>
  named("cloudwatch/eventTarget:EventTarget", `${rule}Target`, from);
const policyDocument = (type: string, name: string, from = fixture) =>
  JSON.parse(named(type, name, from).inputs.policy as string);
const busArn = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/GyreBus`;
const tableArn = (owner: string) =>
  `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${owner[0]?.toUpperCase()}${owner.slice(1)}Table`;
const sqsArn = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
/** What every asynchronously invoked function may do beyond its access: send to its on-failure destination. */
const onFailure = { actions: ["sqs:SendMessage"], resources: [sqsArn("GyreFailedInvocations")] };
/** Every subscriber's one grant beyond its access: writing what its schema rejects to the dead letters. */
const deadLetters = {
  actions: expect.not.arrayContaining(["dynamodb:Query"]),
  resources: [tableArn("events")],
};

describe("sst.config.ts and stacks/", () => {
  it(
    "type-check against SST's platform types",
    async () => {
      await expect(typeCheck).resolves.toBe("");
    },
    INSTALL_MS,
  );
});

describe("the bus", () => {
  it("is one EventBridge bus with an archive of everything on it", () => {
    expect(ofType("cloudwatch/eventBus:EventBus")).toHaveLength(1);
    expect(ofType("cloudwatch/eventArchive:EventArchive").map((a) => a.inputs)).toEqual([
      expect.objectContaining({ eventSourceArn: busArn, retentionDays: 0 }),
    ]);
    expect(ofType("cloudwatch/eventArchive:EventArchive")[0]?.inputs.eventPattern).toBeUndefined();
  });

  it("has exactly one rule per subscription with exactly its pattern, plus the catch-all archive rule", () => {
    expect(
      gyreRules(fixture).map((r) => [r.inputs.name, JSON.parse(r.inputs.eventPattern as string)]),
    ).toEqual([
      ["gyre-archive", { source: [{ prefix: "" }] }],
      ...fixtureSubscriptions.map((s) => [s.name, s.pattern]),
    ]);
  });

  it("targets each rule at its function with a retry policy and the dead-letter queue", () => {
    const targets = ofType("cloudwatch/eventTarget:EventTarget").filter(
      (t) => t.inputs.eventBusName === "GyreBus",
    );
    const dlq = `arn:aws:sqs:${REGION}:${ACCOUNT}:GyreDeadLetters`;
    expect(targets.map((t) => t.inputs)).toEqual([
      expect.objectContaining({
        rule: "gyre-archive",
        arn: expect.stringMatching(/:function:EventsArchive$/),
      }),
      expect.objectContaining({
        rule: "training-on-dataset",
        arn: expect.stringMatching(/:function:TrainingOnDatasetHandler$/),
      }),
      expect.objectContaining({
        rule: "datasets-on-object",
        arn: expect.stringMatching(/:function:DatasetsOnObjectHandler$/),
      }),
    ]);
    for (const { inputs } of targets) {
      expect(inputs.retryPolicy).toEqual({
        maximumRetryAttempts: 185,
        maximumEventAgeInSeconds: 86400,
      });
      expect(inputs.deadLetterConfig).toEqual({ arn: dlq });
    }
  });

  it("lets only this bus's rules send to the dead-letter queue, which the dead-letter function reads", () => {
    const [policy] = ofType("sqs/queuePolicy:QueuePolicy");
    expect(JSON.parse(policy?.inputs.policy as string).Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: "events.amazonaws.com" },
        Action: "sqs:SendMessage",
        Condition: {
          ArnLike: { "aws:SourceArn": `arn:aws:events:${REGION}:${ACCOUNT}:rule/GyreBus/*` },
        },
      }),
    ]);
    const mappings = ofType("lambda/eventSourceMapping:EventSourceMapping").filter(
      (m) => !m.name.endsWith("OutboxStream"),
    );
    expect(mappings.map((m) => m.inputs)).toEqual([
      expect.objectContaining({
        functionName: "EventsDeadLetter",
        functionResponseTypes: ["ReportBatchItemFailures"],
      }),
    ]);
  });
});

describe("the data bucket", () => {
  it("sends its notifications to EventBridge, and a default-bus rule forwards those a subscription watches to the Gyre bus", () => {
    expect(ofType("s3/bucketNotification:BucketNotification").map((n) => n.inputs)).toEqual([
      { bucket: "GyreData-id", eventbridge: true },
    ]);
    const forward = defaultBusRule("GyreDataEvents");
    expect(JSON.parse(forward.inputs.eventPattern as string)).toEqual({
      source: ["aws.s3"],
      detail: {
        bucket: { name: ["GyreData"] },
        object: { key: [{ prefix: "data/" }] },
      },
    });
    expect(defaultBusTarget("GyreDataEvents").inputs.arn).toBe(busArn);
  });
});

describe("the tables", () => {
  it("are one per owner with keys pk/sk, the index gsi1 (gsi1pk/gsi1sk) and the sparse outbox index", () => {
    const created = ofType("dynamodb/table:Table");
    expect(created).toHaveLength(tables.length);
    for (const { inputs } of created) {
      expect(inputs).toMatchObject({
        billingMode: "PAY_PER_REQUEST",
        hashKey: "pk",
        rangeKey: "sk",
        globalSecondaryIndexes: [
          { name: "gsi1", hashKey: "gsi1pk", rangeKey: "gsi1sk", projectionType: "ALL" },
          { name: "outbox", hashKey: "outboxPending", projectionType: "KEYS_ONLY" },
        ],
      });
    }
  });
});

describe("the HTTP API", () => {
  it("routes each prefix and prefix/{proxy+} to its service's function, and /health, /openapi.json, /docs", () => {
    const routes = ofType("apigatewayv2/route:Route").map((r) => [
      r.inputs.routeKey,
      r.inputs.target,
    ]);
    expect(routes).toEqual([
      ["GET /health", "integrations/PlatformApiIntegration-id"],
      ["GET /openapi.json", "integrations/PlatformApiIntegration-id"],
      ["GET /docs", "integrations/PlatformApiIntegration-id"],
      ["GET /whoami", "integrations/PlatformApiIntegration-id"],
      ["ANY /events", "integrations/EventsApiIntegration-id"],
      ["ANY /events/{proxy+}", "integrations/EventsApiIntegration-id"],
      ["ANY /datasets", "integrations/DatasetsApiIntegration-id"],
      ["ANY /datasets/{proxy+}", "integrations/DatasetsApiIntegration-id"],
    ]);
    expect(
      ofType("apigatewayv2/integration:Integration").map((i) => i.inputs.integrationUri),
    ).toEqual([
      expect.stringMatching(/:function:PlatformApi$/),
      expect.stringMatching(/:function:EventsApi$/),
      expect.stringMatching(/:function:DatasetsApi$/),
    ]);
  });
});

describe("functions", () => {
  it("run on nodejs22.x with the bus and their own tables in their environment", async () => {
    expect(new Set(fixture.functions.map((s) => s.runtime))).toEqual(new Set(["nodejs22.x"]));
    expect(await resolved(spec("TrainingOnDatasetHandler").environment)).toEqual({
      POWERTOOLS_SERVICE_NAME: "training",
      POWERTOOLS_METRICS_NAMESPACE: "Gyre",
      GYRE_BUS_NAME: "GyreBus",
      GYRE_BUS_ARN: busArn,
      GYRE_ARCHIVE_ARN: `arn:aws:events:${REGION}:${ACCOUNT}:archive/GyreArchive`,
      GYRE_TRAINING_TABLE: "TrainingTable",
      // Where it puts an event its schema rejects: the dead letters in the events table.
      GYRE_EVENTS_TABLE: "EventsTable",
    });
    expect(spec("EventsApi").handler).toBe("functions/entries/EventsApi.handler");
    expect(spec("EventsApi").entry.source).toContain(`import { lambda } from "../events/api";`);
    expect(spec("EventsApi").nodejs).toEqual({ plugins: "functions/bundling/plugins.mjs" });
  });

  it("the events API may read events and tokens, put on the Gyre bus, replay its archive and peek at both dead-letter queues, nothing more", async () => {
    expect(await policyOf("EventsApi")).toEqual([
      {
        actions: expect.arrayContaining(["dynamodb:Query"]),
        resources: [tableArn("events"), `${tableArn("events")}/index/*`],
      },
      {
        actions: expect.not.arrayContaining(["dynamodb:PutItem"]),
        resources: [tableArn("tokens"), `${tableArn("tokens")}/index/*`],
      },
      { actions: ["events:PutEvents"], resources: [busArn] },
      {
        actions: ["events:StartReplay"],
        resources: [
          `arn:aws:events:${REGION}:${ACCOUNT}:archive/GyreArchive`,
          `arn:aws:events:${REGION}:${ACCOUNT}:replay/*`,
        ],
      },
      {
        actions: ["sqs:GetQueueAttributes", "sqs:ReceiveMessage"],
        resources: [sqsArn("GyreDeadLetters"), sqsArn("GyreFailedInvocations")],
      },
    ]);
    expect(await resolved(spec("EventsApi").environment)).toMatchObject({
      GYRE_DEAD_LETTER_QUEUE_URL: `https://sqs.${REGION}.example/${ACCOUNT}/GyreDeadLetters`,
      GYRE_FAILED_INVOCATIONS_QUEUE_URL: `https://sqs.${REGION}.example/${ACCOUNT}/GyreFailedInvocations`,
    });
  });

  it("the archive and dead-letter functions may only write the events table (and read the DLQ)", async () => {
    const writeEvents = {
      actions: expect.arrayContaining(["dynamodb:PutItem"]),
      resources: [tableArn("events")],
    };
    expect(await policyOf("EventsArchive")).toEqual([writeEvents, onFailure]);
    expect(await policyOf("EventsDeadLetter")).toEqual([
      writeEvents,
      {
        actions: [
          "sqs:ReceiveMessage",
          "sqs:DeleteMessage",
          "sqs:ChangeMessageVisibility",
          "sqs:GetQueueAttributes",
        ],
        resources: [`arn:aws:sqs:${REGION}:${ACCOUNT}:GyreDeadLetters`],
      },
    ]);
  });

  it("a service function gets its own table and the bucket as declared, and may write dead letters, nothing else", async () => {
    expect(await policyOf("DatasetsOnObjectHandler")).toEqual([
      { actions: expect.arrayContaining(["dynamodb:PutItem"]), resources: [tableArn("datasets")] },
      deadLetters,
      { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::GyreData/*"] },
      { actions: ["s3:ListBucket"], resources: ["arn:aws:s3:::GyreData"] },
      onFailure,
    ]);
  });
});

describe("events Lambda drops after its own retries (stacks/functions.ts, stacks/alarms.ts)", () => {
  const asyncFunctions = [
    "EventsArchive",
    "TrainingRunDue",
    "TrainingScheduleFired",
    ...subscriptions.map((s) => `${pascal(s.name)}Handler`),
    ...ticks.map((t) => `${pascal(t.name)}Tick`),
  ];
  const invokeConfigs = () =>
    ofType("lambda/functionEventInvokeConfig:FunctionEventInvokeConfig", real);

  it("gives every function EventBridge or Scheduler invokes the failed-invocations queue as its on-failure destination, after Lambda's two retries", () => {
    expect(
      invokeConfigs()
        .map((c) => c.inputs.functionName)
        .sort(),
    ).toEqual([...asyncFunctions].sort());
    for (const { inputs } of invokeConfigs()) {
      expect(inputs).toEqual({
        functionName: inputs.functionName,
        maximumRetryAttempts: 2,
        destinationConfig: { onFailure: { destination: sqsArn("GyreFailedInvocations") } },
      });
    }
  });

  it("lets exactly those functions send to the queue, and no API or queue reader", async () => {
    for (const fn of real.functions) {
      const sends = (await resolved(fn.permissions)).filter((p) =>
        p.actions.includes("sqs:SendMessage"),
      );
      expect(sends).toEqual(asyncFunctions.includes(fn.name) ? [onFailure] : []);
    }
  });

  it("tells the GyreAlerts topic, which emails GYRE_ALERT_EMAIL when it is set, and only then", async () => {
    expect(ofType("sns/topic:Topic", real).map((t) => t.name)).toEqual(["GyreAlerts"]);
    expect(ofType("sns/topicSubscription:TopicSubscription", real)).toEqual([]);
    const alerted = await synthesize({ alerts: { email: "oncall@example.com" } });
    expect(ofType("sns/topicSubscription:TopicSubscription", alerted).map((r) => r.inputs)).toEqual(
      [
        {
          topic: `arn:aws:sns:${REGION}:${ACCOUNT}:GyreAlerts`,
          protocol: "email",
          endpoint: "oncall@example.com",
        },
      ],
    );
    expect(alertOptionsFromEnv({ GYRE_ALERT_EMAIL: "a@example.com" })).toEqual({
      email: "a@example.com",
    });
    expect(alertOptionsFromEnv({})).toEqual({});
  });

  it("alarms when a rule dead-letters an event and when a failed invocation waits in the queue", () => {
    const alarms = ofType("cloudwatch/metricAlarm:MetricAlarm", real)
      .map((a) => [a.name, a.inputs])
      .sort(([a], [b]) => String(b).localeCompare(String(a)));
    const topic = `arn:aws:sns:${REGION}:${ACCOUNT}:GyreAlerts`;
    const common = {
      alarmActions: [topic],
      okActions: [topic],
      namespace: "AWS/SQS",
      period: 300,
      evaluationPeriods: 1,
      threshold: 0,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
    };
    expect(alarms).toEqual([
      [
        "GyreFailedInvocationsAlarm",
        {
          ...common,
          alarmDescription: expect.stringContaining("GET /events/dead-letters"),
          metricName: "ApproximateNumberOfMessagesVisible",
          statistic: "Maximum",
          dimensions: { QueueName: "GyreFailedInvocations" },
        },
      ],
      [
        "GyreDeadLettersAlarm",
        {
          ...common,
          alarmDescription: expect.stringContaining("GET /events/dead-letters"),
          metricName: "NumberOfMessagesSent",
          statistic: "Sum",
          dimensions: { QueueName: "GyreDeadLetters" },
        },
      ],
    ]);
  });
});

describe("function sizes (Service resources, stacks/functions.ts)", () => {
  it("size the datasets object-created function for a 10 GiB object: 900 s, 2048 MB, 10240 MB of /tmp", () => {
    const created = real.functions.find((f) => f.name === "DatasetsObjectCreatedHandler");
    expect([created?.timeout, created?.memory, created?.storage]).toEqual([
      "900 seconds",
      "2048 MB",
      "10240 MB",
    ]);
  });

  it("leave every other function at 512 MB of memory and of /tmp", () => {
    const others = real.functions.filter((f) => f.name !== "DatasetsObjectCreatedHandler");
    expect(new Set(others.map((f) => `${f.memory} ${f.storage}`))).toEqual(
      new Set(["512 MB 512 MB"]),
    );
  });
});

describe("the real declarations in functions/", () => {
  it("get exactly one rule per subscription, with exactly its pattern", () => {
    expect(
      gyreRules(real).map((r) => [r.inputs.name, JSON.parse(r.inputs.eventPattern as string)]),
    ).toEqual([
      ["gyre-archive", { source: [{ prefix: "" }] }],
      ...subscriptions.map((s) => [s.name, s.pattern]),
    ]);
  });

  it("route every API prefix, prefix/{proxy+} and exact route, once", () => {
    const routes = ofType("apigatewayv2/route:Route", real).map((r) => r.inputs.routeKey);
    expect(routes).toEqual(apis.flatMap(routeKeysOf));
    expect(routes).toEqual(
      expect.arrayContaining(["GET /health", "GET /openapi.json", "GET /docs", "GET /whoami"]),
    );
  });

  it("give the deployment functions no S3 statement: SageMaker, not they, writes data capture", async () => {
    const deploymentFunctions = real.functions.filter((f) => /^Deployment(?!Outbox)/.test(f.name));
    expect(deploymentFunctions.length).toBeGreaterThanOrEqual(4);
    for (const fn of deploymentFunctions) {
      const actions = (await resolved(fn.permissions)).flatMap((p) => p.actions);
      expect(
        actions.filter((a) => a.startsWith("s3:")),
        fn.name,
      ).toEqual([]);
    }
  });

  it("let the datasets functions read objects and write only large profiles, under profiles/", async () => {
    const datasetFunctions = real.functions.filter((f) => /^Datasets(?!Outbox)/.test(f.name));
    expect(datasetFunctions.map((f) => f.name).sort()).toEqual([
      "DatasetsApi",
      "DatasetsObjectCreatedHandler",
      "DatasetsObjectDeletedHandler",
    ]);
    for (const fn of datasetFunctions) {
      const actions = (await resolved(fn.permissions)).flatMap((p) => p.actions);
      expect(actions).toContain("s3:GetObject");
      const writes = (await resolved(fn.permissions)).filter((p) =>
        p.actions.includes("s3:PutObject"),
      );
      expect(writes).toEqual(
        fn.name === "DatasetsObjectDeletedHandler"
          ? []
          : [
              {
                actions: ["s3:PutObject", "s3:AbortMultipartUpload"],
                resources: ["arn:aws:s3:::GyreData/profiles/*"],
              },
            ],
      );
      const tables = (await resolved(fn.permissions))
        .flatMap((p) => p.resources)
        .filter((r) => r.includes(":table/"));
      // The events table only for dead letters (subscribers) and tokens only for the API.
      expect(tables.every((t) => /table\/(Datasets|Tokens|Events)Table/.test(t))).toBe(true);
    }
  });

  it("grant no function an action wildcard, nor a resource wildcard but those IAM allows only on *", async () => {
    for (const { permissions } of [...real.functions, ...fixture.functions]) {
      for (const { actions, resources } of await resolved(permissions)) {
        // DescribeJobs, ListJobs and GetMetricData have no resource type in IAM: "*" or not at all.
        if (resources.includes("*")) {
          expect([DESCRIBE_JOBS, LIST_JOBS, GET_METRIC_DATA]).toContainEqual({
            actions,
            resources,
          });
        }
        expect(actions.filter((action) => action.includes("*"))).toEqual([]);
      }
    }
  });
});

const batchArn = (resource: string) => `arn:aws:batch:${REGION}:${ACCOUNT}:${resource}`;
const queueArn = (name: string) => batchArn(`job-queue/${name}`);
const QUEUES = {
  "gpu-spot": "gyre-gpu-spot",
  "gpu-ondemand": "gyre-gpu-ondemand",
  cpu: "gyre-cpu",
};
const JOB_ROLE = `arn:aws:iam::${ACCOUNT}:role/GyreBatchJobRole`;
const SCHEDULER_ROLE = `arn:aws:iam::${ACCOUNT}:role/GyreRunDueScheduler`;
const RUN_DUE = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:TrainingRunDue`;
const PIPELINE_SCHEDULER_ROLE = `arn:aws:iam::${ACCOUNT}:role/GyrePipelineScheduler`;
const SCHEDULE_FIRED = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:TrainingScheduleFired`;
const DESCRIBE_JOBS = { actions: ["batch:DescribeJobs"], resources: ["*"] };
const LIST_JOBS = { actions: ["batch:ListJobs"], resources: ["*"] };
const GET_METRIC_DATA = { actions: ["cloudwatch:GetMetricData"], resources: ["*"] };
/** `jobLogs: true`: reading a job's attempts and their CloudWatch logs, nothing more. */
const JOB_LOGS = [
  DESCRIBE_JOBS,
  {
    actions: ["logs:GetLogEvents"],
    resources: [`arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/batch/job:log-stream:*`],
  },
];
/** The training functions' `jobs: true` and `timer: true`, as IAM: what it must be, exactly. */
const JOBS_AND_TIMER = [
  { actions: ["batch:RegisterJobDefinition"], resources: [batchArn("job-definition/gyre-*")] },
  {
    actions: ["batch:SubmitJob"],
    resources: [
      ...Object.values(QUEUES).map(queueArn),
      batchArn("job-definition/gyre-*"),
      batchArn("job/*"),
    ],
  },
  {
    actions: ["batch:TagResource"],
    resources: [batchArn("job/*")],
    conditions: [{ test: "ForAllValues:StringLike", variable: "aws:TagKeys", values: ["gyre:*"] }],
  },
  {
    actions: ["batch:TerminateJob"],
    resources: [batchArn("job/*")],
    conditions: [{ test: "Null", variable: "aws:ResourceTag/gyre:run", values: ["false"] }],
  },
  LIST_JOBS,
  {
    actions: ["iam:PassRole"],
    resources: [JOB_ROLE],
    conditions: [
      {
        test: "StringEquals",
        variable: "iam:PassedToService",
        values: ["ecs-tasks.amazonaws.com"],
      },
    ],
  },
  ...JOB_LOGS,
  {
    actions: ["scheduler:CreateSchedule"],
    resources: [`arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/default/gyre-run-*`],
  },
  {
    actions: ["iam:PassRole"],
    resources: [SCHEDULER_ROLE],
    conditions: [
      {
        test: "StringEquals",
        variable: "iam:PassedToService",
        values: ["scheduler.amazonaws.com"],
      },
    ],
  },
];

/** The training API's `schedules: true`, as IAM: recurring `gyre-pipeline-*` schedules only. */
const SCHEDULES = [
  {
    actions: ["scheduler:CreateSchedule", "scheduler:UpdateSchedule", "scheduler:DeleteSchedule"],
    resources: [`arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/default/gyre-pipeline-*`],
  },
  {
    actions: ["iam:PassRole"],
    resources: [PIPELINE_SCHEDULER_ROLE],
    conditions: [
      {
        test: "StringEquals",
        variable: "iam:PassedToService",
        values: ["scheduler.amazonaws.com"],
      },
    ],
  },
];

describe("training on AWS Batch (stacks/training.ts)", () => {
  const computeEnvironments = (from = fixture) =>
    Object.fromEntries(
      ofType("batch/computeEnvironment:ComputeEnvironment", from).map((ce) => [ce.name, ce.inputs]),
    );
  const managed = (resources: object, network: object) => ({
    type: "MANAGED",
    computeResources: {
      minVcpus: 0,
      instanceRole: `arn:aws:iam::${ACCOUNT}:instance-profile/GyreBatchInstanceProfile`,
      ...network,
      ...resources,
    },
  });
  const GPU = ["g4dn", "g5", "g6"];

  it("has GPU spot, GPU on-demand and CPU environments, all EC2-backed and scaling to zero", () => {
    const network = {
      subnets: ["subnet-a", "subnet-b"],
      securityGroupIds: ["GyreBatchInstances-id"],
    };
    expect(computeEnvironments()).toEqual({
      GyreGpuSpot: managed(
        {
          type: "SPOT",
          allocationStrategy: "SPOT_CAPACITY_OPTIMIZED",
          instanceTypes: GPU,
          maxVcpus: training.MAX_VCPUS.gpuSpot,
          ec2Configurations: [{ imageType: "ECS_AL2023_NVIDIA" }],
        },
        network,
      ),
      GyreGpuOnDemand: managed(
        {
          type: "EC2",
          allocationStrategy: "BEST_FIT_PROGRESSIVE",
          instanceTypes: GPU,
          maxVcpus: training.MAX_VCPUS.gpuOnDemand,
          ec2Configurations: [{ imageType: "ECS_AL2023_NVIDIA" }],
        },
        network,
      ),
      GyreCpu: managed(
        {
          type: "EC2",
          allocationStrategy: "BEST_FIT_PROGRESSIVE",
          instanceTypes: ["m6i", "c6i", "m7i", "c7i"],
          maxVcpus: training.MAX_VCPUS.cpu,
          ec2Configurations: [{ imageType: "ECS_AL2023" }],
        },
        network,
      ),
    });
  });

  it("launches into the default VPC's default subnets unless given subnets, behind an egress-only group", () => {
    for (const ce of Object.values(computeEnvironments(real))) {
      expect(ce).toMatchObject({
        computeResources: {
          subnets: DEFAULT_VPC.subnets,
          securityGroupIds: ["GyreBatchInstances-id"],
        },
      });
    }
    expect(
      named("ec2/securityGroup:SecurityGroup", "GyreBatchInstances", real).inputs,
    ).toMatchObject({
      vpcId: DEFAULT_VPC.id,
      egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
    });
    expect(named("ec2/securityGroup:SecurityGroup", "GyreBatchInstances").inputs).toMatchObject({
      vpcId: "vpc-of-subnet-a",
    });
    for (const from of [fixture, real]) {
      expect(
        named("ec2/securityGroup:SecurityGroup", "GyreBatchInstances", from).inputs.ingress,
      ).toBeUndefined();
    }
  });

  it("reads subnets and security groups from GYRE_BATCH_SUBNETS / GYRE_BATCH_SECURITY_GROUPS", () => {
    expect(
      training.batchNetworkFromEnv({
        GYRE_BATCH_SUBNETS: "subnet-1, subnet-2",
        GYRE_BATCH_SECURITY_GROUPS: "sg-1",
      }),
    ).toEqual({ subnets: ["subnet-1", "subnet-2"], securityGroups: ["sg-1"] });
    expect(training.batchNetworkFromEnv({ GYRE_BATCH_SUBNETS: "" })).toEqual({});
  });

  it("has three queues, and gyre-gpu-spot falls back from spot to the on-demand GPUs", () => {
    const ce = (name: string) => batchArn(`compute-environment/${name}`);
    expect(
      Object.fromEntries(
        ofType("batch/jobQueue:JobQueue").map((q) => [
          q.name,
          { state: q.inputs.state, order: q.inputs.computeEnvironmentOrders },
        ]),
      ),
    ).toEqual({
      "gyre-gpu-spot": {
        state: "ENABLED",
        order: [
          { computeEnvironment: ce("GyreGpuSpot"), order: 1 },
          { computeEnvironment: ce("GyreGpuOnDemand"), order: 2 },
        ],
      },
      "gyre-gpu-ondemand": {
        state: "ENABLED",
        order: [{ computeEnvironment: ce("GyreGpuOnDemand"), order: 1 }],
      },
      "gyre-cpu": { state: "ENABLED", order: [{ computeEnvironment: ce("GyreCpu"), order: 1 }] },
    });
  });

  it("forwards Batch Job State Change events of Gyre's queues, and only those, from the default bus", () => {
    const pattern = JSON.parse(defaultBusRule("GyreBatchEvents").inputs.eventPattern as string);
    expect(pattern).toEqual({
      source: ["aws.batch"],
      "detail-type": ["Batch Job State Change"],
      detail: { jobQueue: Object.values(QUEUES).map(queueArn) },
    });
    expect(defaultBusTarget("GyreBatchEvents").inputs).toMatchObject({
      arn: busArn,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/GyreBatchEventsRole`,
    });
    const subscription = subscriptions.find((s) => s.name === "training-batch-job-state-change");
    const event = (jobQueue: string) => ({
      source: "aws.batch",
      "detail-type": "Batch Job State Change",
      detail: { jobQueue, status: "RUNNING", tags: { "gyre:run": "run_1" } },
    });
    expect(testPattern(pattern, event(queueArn("gyre-cpu")))).toBe(true);
    expect(testPattern(subscription?.pattern, event(queueArn("gyre-cpu")))).toBe(true);
    expect(testPattern(pattern, event(queueArn("someone-elses")))).toBe(false);
  });

  it("lets jobs read the data bucket's objects and write only under runs/", () => {
    const trust = JSON.parse(
      named("iam/role:Role", "GyreBatchJobRole").inputs.assumeRolePolicy as string,
    );
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "ecs-tasks.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
      },
    ]);
    expect(policyDocument("iam/rolePolicy:RolePolicy", "GyreBatchJobData").Statement).toEqual([
      { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::GyreData/*" },
      { Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::GyreData" },
      {
        Effect: "Allow",
        Action: ["s3:PutObject", "s3:AbortMultipartUpload"],
        Resource: "arn:aws:s3:::GyreData/runs/*",
      },
    ]);
    expect(
      named("iam/rolePolicyAttachment:RolePolicyAttachment", "GyreBatchInstanceEcs").inputs,
    ).toEqual({
      role: "GyreBatchInstanceRole",
      policyArn: "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
    });
  });

  it("lets Scheduler, for this account only, invoke the run-due function and nothing else", () => {
    expectSchedulerInvokesOnly("GyreRunDueScheduler", "GyreRunDueSchedulerInvoke", RUN_DUE);
  });

  it("makes run-due a Gyre function with the training table, the bus, Batch and the timer", async () => {
    const runDue = fixture.functions.find((f) => f.name === "TrainingRunDue");
    expect(runDue?.handler).toBe("functions/entries/TrainingRunDue.handler");
    expect(await policyOf("TrainingRunDue")).toEqual([
      { actions: expect.arrayContaining(["dynamodb:GetItem"]), resources: expect.any(Array) },
      { actions: expect.arrayContaining(["dynamodb:PutItem"]), resources: [tableArn("training")] },
      { actions: ["events:PutEvents"], resources: [busArn] },
      ...JOBS_AND_TIMER,
      onFailure,
    ]);
  });

  it("hands the queue ARNs, job role, run-due and Scheduler role to functions with jobs and timer access", async () => {
    const batchEnv = Object.fromEntries(
      Object.entries(QUEUES).map(([queue, name]) => [queueEnv(queue as never), queueArn(name)]),
    );
    const env = async (name: string) =>
      resolved(real.functions.find((f) => f.name === name)?.environment ?? {});
    expect(await env("TrainingApi")).toMatchObject({
      ...batchEnv,
      GYRE_BATCH_JOB_ROLE_ARN: JOB_ROLE,
      GYRE_RUN_DUE_FUNCTION_ARN: RUN_DUE,
      GYRE_SCHEDULER_ROLE_ARN: SCHEDULER_ROLE,
    });
    // The run-due function cannot name its own ARN; aws-timer.ts reads "self" as "this function".
    expect(await env("TrainingRunDue")).toMatchObject({
      ...batchEnv,
      GYRE_RUN_DUE_FUNCTION_ARN: RUN_DUE_SELF,
      GYRE_SCHEDULER_ROLE_ARN: SCHEDULER_ROLE,
    });
    expect(training.RUN_DUE_SELF).toBe(RUN_DUE_SELF);
    expect(
      Object.keys(await env("TrainingBatchJobStateChangeHandler")).filter((k) =>
        /BATCH|RUN_DUE|SCHEDULER/.test(k),
      ),
    ).toEqual([]);
  });

  it("grants the real training functions exactly what their access declares", async () => {
    const names = real.functions
      .filter((f) => /^Training(?!Outbox)/.test(f.name))
      .map((f) => f.name);
    expect(names.sort()).toEqual([
      "TrainingApi",
      "TrainingBatchJobStateChangeHandler",
      "TrainingDatasetVersionCreatedHandler",
      "TrainingDriftDetectedHandler",
      "TrainingRunDue",
      "TrainingScheduleFired",
    ]);
    const trainingTable = (actions: string[]) => ({
      actions: expect.arrayContaining(actions),
      resources: expect.any(Array),
    });
    for (const name of ["TrainingDatasetVersionCreatedHandler", "TrainingDriftDetectedHandler"]) {
      expect(await policyOf(name, real)).toEqual([
        trainingTable(["dynamodb:Query"]),
        trainingTable(["dynamodb:PutItem"]),
        deadLetters,
        { actions: ["events:PutEvents"], resources: [busArn] },
        ...JOBS_AND_TIMER,
        onFailure,
      ]);
    }
    // Only the job-state handler reads S3, and only the runs' outputs (their metrics.json).
    for (const name of names) {
      const s3 = (await policyOf(name, real)).filter((p) =>
        p.actions.some((a) => a.startsWith("s3:")),
      );
      const reads = s3.flatMap((p) => p.resources);
      expect(reads, name).toEqual(
        name === "TrainingBatchJobStateChangeHandler"
          ? ["arn:aws:s3:::GyreData/runs/*", "arn:aws:s3:::GyreData"]
          : [],
      );
    }
    expect((await policyOf("TrainingApi", real)).slice(-JOBS_AND_TIMER.length - 2)).toEqual([
      ...JOBS_AND_TIMER,
      ...SCHEDULES,
    ]);
    // It reads a failed attempt's log for the run's reason, and may not start or stop jobs.
    const stateChanges = await policyOf("TrainingBatchJobStateChangeHandler", real);
    expect(
      stateChanges.filter((s) => s.actions.some((a) => /^(batch|scheduler|iam|logs):/.test(a))),
    ).toEqual(JOB_LOGS);
  });
});

describe("pipeline schedules (stacks/training.ts)", () => {
  it("lets Scheduler, for this account only, invoke the schedule-fired function and nothing else", () => {
    expectSchedulerInvokesOnly(
      "GyrePipelineScheduler",
      "GyrePipelineSchedulerInvoke",
      SCHEDULE_FIRED,
    );
  });

  it("makes schedule-fired a Gyre function with the training table, the bus, the bucket's name, Batch and the run timer, and no schedules", async () => {
    const fn = fixture.functions.find((f) => f.name === "TrainingScheduleFired");
    expect(fn?.handler).toBe("functions/entries/TrainingScheduleFired.handler");
    expect(await policyOf("TrainingScheduleFired")).toEqual([
      { actions: expect.arrayContaining(["dynamodb:GetItem"]), resources: expect.any(Array) },
      { actions: expect.arrayContaining(["dynamodb:PutItem"]), resources: [tableArn("training")] },
      { actions: ["events:PutEvents"], resources: [busArn] },
      ...JOBS_AND_TIMER,
      onFailure,
    ]);
    // The bucket's name for the runs' output URIs, without any S3 permission.
    expect(await resolved(fn?.environment ?? {})).toMatchObject({ GYRE_BUCKET: "GyreData" });
  });

  it("hands schedule-fired's ARN and the pipeline Scheduler role only to functions with schedules access", async () => {
    const env = async (name: string) =>
      resolved(real.functions.find((f) => f.name === name)?.environment ?? {});
    expect(await env("TrainingApi")).toMatchObject({
      GYRE_SCHEDULE_FIRED_FUNCTION_ARN: SCHEDULE_FIRED,
      GYRE_PIPELINE_SCHEDULER_ROLE_ARN: PIPELINE_SCHEDULER_ROLE,
    });
    for (const fn of real.functions.filter((f) => f.name !== "TrainingApi")) {
      expect(
        Object.keys(await resolved(fn.environment)).filter((k) =>
          /SCHEDULE_FIRED|PIPELINE_SCHEDULER/.test(k),
        ),
      ).toEqual([]);
      const actions = (await resolved(fn.permissions)).flatMap((p) => p.actions);
      expect(actions.filter((a) => /^scheduler:(Update|Delete)/.test(a))).toEqual([]);
    }
  });
});

/** A Scheduler role: assumable by Scheduler for this account only, and allowed to invoke one function. */
function expectSchedulerInvokesOnly(role: string, policy: string, functionArn: string): void {
  const trust = JSON.parse(named("iam/role:Role", role).inputs.assumeRolePolicy as string);
  expect(trust.Statement).toEqual([
    {
      Effect: "Allow",
      Principal: { Service: "scheduler.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
    },
  ]);
  expect(policyDocument("iam/rolePolicy:RolePolicy", policy).Statement).toEqual([
    { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: functionArn },
  ]);
}

describe("the outbox relays (stacks/outbox.ts)", () => {
  it("subscribe one function per outbox to its table's stream, woken only by writes with events pending", async () => {
    for (const outbox of outboxes) {
      const table = named("dynamodb/table:Table", `${pascal(outbox.table)}Table`, real);
      expect(table.inputs).toMatchObject({ streamEnabled: true, streamViewType: "NEW_IMAGE" });
      const mapping = await resolved(
        named(
          "lambda/eventSourceMapping:EventSourceMapping",
          `${pascal(outbox.service)}OutboxStream`,
          real,
        ).inputs,
      );
      expect(mapping).toMatchObject({
        startingPosition: "LATEST",
        bisectBatchOnFunctionError: true,
        filterCriteria: { filters: [{ pattern: JSON.stringify(pendingFilter) }] },
      });
    }
    expect(named("dynamodb/table:Table", "TokensTable", real).inputs.streamEnabled).toBeUndefined();
  });

  it("may read and clear their own table, read its stream and PutEvents, nothing more; a sweep runs every minute", async () => {
    for (const outbox of outboxes) {
      const policy = await policyOf(`${pascal(outbox.service)}OutboxRelay`, real);
      const resources = policy.flatMap((p) => p.resources).map(String);
      const own = `${pascal(outbox.table)}Table`;
      expect(resources.filter((r) => !r.includes(own) && r !== busArn)).toEqual([]);
      expect(policy.flatMap((p) => p.actions)).toContain("dynamodb:GetRecords");
      const sweep = await resolved(
        named("scheduler/schedule:Schedule", `${pascal(outbox.service)}OutboxSchedule`, real)
          .inputs,
      );
      expect(sweep).toMatchObject({ scheduleExpression: "rate(1 minute)" });
    }
  });
});

describe("monitoring on AWS (its declaration, and stacks/ticks.ts)", () => {
  const TICK = "MonitoringCloseDueWindowsTick";
  const bucketObjects = (prefix: string) => `arn:aws:s3:::GyreData/${prefix}*`;

  it("closes windows every minute: a Scheduler schedule invoking the tick function, as a role that may invoke only ticks", async () => {
    const schedule = named(
      "scheduler/schedule:Schedule",
      "MonitoringCloseDueWindowsSchedule",
      real,
    );
    const inputs = await resolved(schedule.inputs);
    expect(inputs).toMatchObject({
      name: "gyre-tick-monitoring-close-due-windows",
      scheduleExpression: "rate(1 minute)",
      flexibleTimeWindow: { mode: "OFF" },
      target: { arn: expect.stringMatching(new RegExp(`:function:${TICK}$`)) },
    });
    const invoke = policyDocument("iam/rolePolicy:RolePolicy", "GyreTickSchedulerInvoke", real);
    expect(invoke.Statement).toEqual([
      {
        Effect: "Allow",
        Action: "lambda:InvokeFunction",
        Resource: ticks.map((t) =>
          expect.stringMatching(new RegExp(`:function:${pascal(t.name)}Tick$`)),
        ),
      },
    ]);
  });

  it("reads only capture files, datasets and its own objects, writes only its own, and may only measure endpoints", async () => {
    for (const name of [TICK, "MonitoringCaptureObjectCreatedHandler"]) {
      const policy = await policyOf(name, real);
      const on = (action: string) => policy.filter((p) => p.actions.includes(action));
      expect(on("s3:GetObject").flatMap((p) => p.resources)).toEqual(
        ["capture/", "datasets/", "ground-truth/", "monitoring/"].map(bucketObjects),
      );
      expect(on("s3:PutObject").flatMap((p) => p.resources)).toEqual([
        bucketObjects("monitoring/"),
      ]);
      expect(on("s3:ListBucket")[0]?.conditions).toEqual([
        {
          test: "StringLike",
          variable: "s3:prefix",
          values: ["capture/*", "datasets/*", "ground-truth/*", "monitoring/*"],
        },
      ]);
      const actions = policy.flatMap((p) => p.actions);
      expect(actions.filter((a) => a.startsWith("sagemaker:"))).toEqual([
        "sagemaker:DescribeEndpoint",
        "sagemaker:DescribeEndpointConfig",
      ]);
    }
  });

  it("hears Object Created under capture/ on the Gyre bus", () => {
    const rule = gyreRules(real).find((r) => r.name === "MonitoringCaptureObjectCreatedRule");
    expect(JSON.parse(rule?.inputs.eventPattern as string)).toMatchObject({
      source: ["aws.s3"],
      detail: { object: { key: [{ prefix: "capture/" }] } },
    });
  });
});
