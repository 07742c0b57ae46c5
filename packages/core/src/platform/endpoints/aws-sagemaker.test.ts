import { createHash } from "node:crypto";
import {
  ApplicationAutoScalingClient,
  DeregisterScalableTargetCommand,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
} from "@aws-sdk/client-application-auto-scaling";
import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  PutMetricAlarmCommand,
} from "@aws-sdk/client-cloudwatch";
import {
  AddTagsCommand,
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointCommand,
  type DescribeEndpointCommandOutput,
  DescribeEndpointConfigCommand,
  ListTagsCommand,
  type ProductionVariantInstanceType,
  SageMakerClient,
  UpdateEndpointCommand,
} from "@aws-sdk/client-sagemaker";
import {
  InvokeEndpointCommand,
  ModelError,
  SageMakerRuntimeClient,
} from "@aws-sdk/client-sagemaker-runtime";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AwsSageMakerHost } from "./aws-sagemaker";
import type { AlarmRule, EndpointConfig, RolloutPolicy } from "./port";

const sagemaker = mockClient(SageMakerClient);
const runtime = mockClient(SageMakerRuntimeClient);
const cloudwatch = mockClient(CloudWatchClient);
const autoscaling = mockClient(ApplicationAutoScalingClient);

const ROLE = "arn:aws:iam::123456789012:role/GyreSageMakerExecution";
const IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn-serve:1";
const arnOf = (endpoint: string) => `arn:aws:sagemaker:eu-west-1:123456789012:endpoint/${endpoint}`;
const hash8 = (config: string) => createHash("sha256").update(config).digest("hex").slice(0, 8);
const model = (version: number, config: string) => `gyre-churn-v${version}-${hash8(config)}`;

const churn = (configName: string, version: number): EndpointConfig => ({
  endpoint: "churn",
  configName,
  serving: {
    model: "churn",
    version,
    artifactUri: `s3://gyre-data/runs/run_0${version}/model`,
    image: IMAGE,
    environment: { LOG_LEVEL: "info" },
  },
  instanceType: "ml.m5.large",
  instanceCount: 2,
  dataCapture: { enabled: true, samplingPercent: 20, destinationS3Uri: "s3://gyre-data/capture" },
  autoscaling: { min: 2, max: 6, targetInvocationsPerInstance: 100 },
  tags: { "gyre:deployment": `dep_0${version}` },
});
const canary: RolloutPolicy = {
  type: "CANARY",
  canarySize: { type: "CAPACITY_PERCENT", value: 10 },
  waitIntervalInSeconds: 300,
  maximumExecutionTimeoutInSeconds: 1200,
  terminationWaitInSeconds: 120,
};
const alarms: AlarmRule[] = [
  { name: "error-rate", metric: "errorRate", threshold: 0.05, minRequests: 20 },
  { name: "p99", metric: "latencyP99Ms", threshold: 250, minRequests: 20 },
  { name: "5xx", metric: "invocation5xx", threshold: 3, minRequests: 0 },
];

const notFound = (what: string) =>
  Object.assign(new Error(`Could not find ${what}.`), { name: "ValidationException" });
const inService = (config: string, extra: Partial<DescribeEndpointCommandOutput> = {}) => ({
  EndpointName: "gyre-churn",
  EndpointArn: arnOf("gyre-churn"),
  EndpointConfigName: config,
  EndpointStatus: "InService" as const,
  CreationTime: new Date(0),
  LastModifiedTime: new Date(0),
  ProductionVariants: [{ VariantName: "AllTraffic", CurrentWeight: 1, CurrentInstanceCount: 2 }],
  ...extra,
});
const configWith = (
  config: string,
  version: number,
  instanceType: ProductionVariantInstanceType = "ml.m5.large",
) => ({
  EndpointConfigName: config,
  EndpointConfigArn: `arn:aws:sagemaker:eu-west-1:123456789012:endpoint-config/${config}`,
  CreationTime: new Date(0),
  ProductionVariants: [
    { VariantName: "AllTraffic", ModelName: model(version, config), InstanceType: instanceType },
  ],
});

function inputs<T>(
  client: { commandCalls: (c: never) => { args: [{ input: T }] }[] },
  command: unknown,
) {
  return client.commandCalls(command as never).map((call) => call.args[0].input);
}

let host: AwsSageMakerHost;
beforeEach(() => {
  for (const client of [sagemaker, runtime, cloudwatch, autoscaling]) client.reset();
  process.env.GYRE_SAGEMAKER_ROLE_ARN = ROLE;
  host = new AwsSageMakerHost();
  sagemaker.on(CreateModelCommand).resolves({ ModelArn: "arn:model" });
  sagemaker.on(CreateEndpointConfigCommand).resolves({ EndpointConfigArn: "arn:config" });
  sagemaker.on(CreateEndpointCommand).resolves({ EndpointArn: arnOf("gyre-churn") });
  sagemaker.on(UpdateEndpointCommand).resolves({ EndpointArn: arnOf("gyre-churn") });
  cloudwatch.on(PutMetricAlarmCommand).resolves({});
  cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
  autoscaling
    .on(DeregisterScalableTargetCommand)
    .rejects(Object.assign(new Error("No scalable target"), { name: "ObjectNotFoundException" }));
});
afterEach(() => {
  delete process.env.GYRE_SAGEMAKER_ROLE_ARN;
});

const fleet = (config: string) => [
  { Name: "EndpointName", Value: "gyre-churn" },
  { Name: "VariantName", Value: "AllTraffic" },
  { Name: "EndpointConfigName", Value: config },
];
const stat = (Id: string, MetricName: string, Stat: string, config: string, Period = 60) => ({
  Id,
  MetricStat: {
    Metric: { Namespace: "AWS/SageMaker", MetricName, Dimensions: fleet(config) },
    Period,
    Stat,
  },
  ReturnData: false,
});

describe("AwsSageMakerHost.deploy, first deployment", () => {
  beforeEach(() => {
    sagemaker.on(DescribeEndpointCommand).rejects(notFound("endpoint gyre-churn"));
  });

  it("creates the model on the artifact prefix, the config with data capture, the alarms and the endpoint", async () => {
    await host.deploy(churn("churn-1", 1), canary, alarms);

    expect(inputs(sagemaker, CreateModelCommand)).toStrictEqual([
      {
        ModelName: model(1, "gyre-churn-1"),
        PrimaryContainer: {
          Image: IMAGE,
          ModelDataSource: {
            S3DataSource: {
              S3Uri: "s3://gyre-data/runs/run_01/model/",
              S3DataType: "S3Prefix",
              CompressionType: "None",
            },
          },
          Environment: { LOG_LEVEL: "info", GYRE_MODEL: "churn", GYRE_MODEL_VERSION: "1" },
        },
        ExecutionRoleArn: ROLE,
        Tags: [
          { Key: "gyre:deployment", Value: "dep_01" },
          { Key: "gyre:endpoint", Value: "churn" },
          { Key: "gyre:model", Value: "churn" },
          { Key: "gyre:version", Value: "1" },
        ],
      },
    ]);
    expect(inputs(sagemaker, CreateEndpointConfigCommand)).toStrictEqual([
      {
        EndpointConfigName: "gyre-churn-1",
        ProductionVariants: [
          {
            VariantName: "AllTraffic",
            ModelName: model(1, "gyre-churn-1"),
            InstanceType: "ml.m5.large",
            InitialInstanceCount: 2,
            InitialVariantWeight: 1,
          },
        ],
        DataCaptureConfig: {
          EnableCapture: true,
          InitialSamplingPercentage: 20,
          DestinationS3Uri: "s3://gyre-data/capture",
          CaptureOptions: [{ CaptureMode: "Input" }, { CaptureMode: "Output" }],
          CaptureContentTypeHeader: {
            CsvContentTypes: ["text/csv"],
            JsonContentTypes: ["application/json"],
          },
        },
        Tags: [
          { Key: "gyre:deployment", Value: "dep_01" },
          { Key: "gyre:endpoint", Value: "churn" },
        ],
      },
    ]);
    expect(inputs(sagemaker, CreateEndpointCommand)).toStrictEqual([
      {
        EndpointName: "gyre-churn",
        EndpointConfigName: "gyre-churn-1",
        Tags: [
          { Key: "gyre:deployment", Value: "dep_01" },
          { Key: "gyre:endpoint", Value: "churn" },
          { Key: "gyre:configs", Value: "gyre-churn-1" },
        ],
      },
    ]);
    expect(inputs(sagemaker, UpdateEndpointCommand)).toEqual([]);
  });

  it("puts one alarm per rule on the new fleet: error rate and 5xx by metric math, p99 latency in microseconds", async () => {
    await host.deploy(churn("churn-1", 1), canary, alarms);

    const common = {
      ComparisonOperator: "GreaterThanThreshold",
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      TreatMissingData: "notBreaching",
    };
    const requests = stat("requests", "Invocations", "Sum", "gyre-churn-1");
    const errors = stat("errors", "Invocation5XXErrors", "Sum", "gyre-churn-1");
    expect(inputs(cloudwatch, PutMetricAlarmCommand)).toStrictEqual([
      {
        AlarmName: "gyre-churn-1/error-rate",
        AlarmDescription:
          "Gyre rolls gyre-churn-1 back when errorRate > 0.05 in a minute with at least 20 requests.",
        Metrics: [
          requests,
          errors,
          {
            Id: "watched",
            Expression: "IF(requests >= 20, errors / requests, 0)",
            Label: "errorRate",
            ReturnData: true,
          },
        ],
        Threshold: 0.05,
        ...common,
      },
      {
        AlarmName: "gyre-churn-1/p99",
        AlarmDescription:
          "Gyre rolls gyre-churn-1 back when latencyP99Ms > 250 in a minute with at least 20 requests.",
        Metrics: [
          requests,
          stat("latency", "ModelLatency", "p99", "gyre-churn-1"),
          {
            Id: "watched",
            Expression: "IF(requests >= 20, latency, 0)",
            Label: "latencyP99Ms",
            ReturnData: true,
          },
        ],
        Threshold: 250_000,
        ...common,
      },
      {
        AlarmName: "gyre-churn-1/5xx",
        AlarmDescription:
          "Gyre rolls gyre-churn-1 back when invocation5xx > 3 in a minute with at least 0 requests.",
        Metrics: [
          requests,
          errors,
          {
            Id: "watched",
            Expression: "IF(requests >= 0, errors, 0)",
            Label: "invocation5xx",
            ReturnData: true,
          },
        ],
        Threshold: 3,
        ...common,
      },
    ]);
  });

  it("goes on when a retried deploy finds its model and config already made", async () => {
    const existing = (what: string) =>
      Object.assign(new Error(`Cannot create already existing ${what}.`), {
        name: "ValidationException",
      });
    sagemaker.on(CreateModelCommand).rejects(existing("model"));
    sagemaker.on(CreateEndpointConfigCommand).rejects(existing("endpoint configuration"));

    await host.deploy(churn("churn-1", 1), canary, []);

    expect(inputs(sagemaker, CreateEndpointCommand)).toHaveLength(1);
  });

  it("leaves DataCaptureConfig out when capture is off", async () => {
    await host.deploy(
      {
        ...churn("churn-1", 1),
        dataCapture: {
          enabled: false,
          samplingPercent: 20,
          destinationS3Uri: "s3://gyre-data/capture",
        },
      },
      canary,
      [],
    );
    expect(inputs(sagemaker, CreateEndpointConfigCommand)[0]).not.toHaveProperty(
      "DataCaptureConfig",
    );
  });
});

describe("AwsSageMakerHost.deploy, blue/green update", () => {
  beforeEach(() => {
    sagemaker.on(DescribeEndpointCommand).resolves(inService("gyre-churn-u1"));
    sagemaker.on(ListTagsCommand).resolves({
      Tags: [
        { Key: "gyre:endpoint", Value: "churn" },
        { Key: "gyre:configs", Value: "gyre-churn-u0 gyre-churn-u1" },
      ],
    });
    sagemaker
      .on(DescribeEndpointConfigCommand, { EndpointConfigName: "gyre-churn-u1" })
      .resolves(configWith("gyre-churn-u1", 1));
    sagemaker
      .on(DescribeEndpointConfigCommand, { EndpointConfigName: "gyre-churn-u0" })
      .resolves(configWith("gyre-churn-u0", 1));
    cloudwatch
      .on(DescribeAlarmsCommand, { AlarmNamePrefix: "gyre-churn-u0/" })
      .resolves({ MetricAlarms: [{ AlarmName: "gyre-churn-u0/error-rate" }] });
  });

  it("updates with a canary DeploymentConfig whose auto-rollback watches the new fleet's alarms", async () => {
    await host.deploy(churn("churn-u2", 2), canary, alarms);

    expect(inputs(sagemaker, UpdateEndpointCommand)).toStrictEqual([
      {
        EndpointName: "gyre-churn",
        EndpointConfigName: "gyre-churn-u2",
        DeploymentConfig: {
          BlueGreenUpdatePolicy: {
            TrafficRoutingConfiguration: {
              Type: "CANARY",
              WaitIntervalInSeconds: 300,
              CanarySize: { Type: "CAPACITY_PERCENT", Value: 10 },
            },
            TerminationWaitInSeconds: 120,
            MaximumExecutionTimeoutInSeconds: 1200,
          },
          AutoRollbackConfiguration: {
            Alarms: [
              { AlarmName: "gyre-churn-u2/error-rate" },
              { AlarmName: "gyre-churn-u2/p99" },
              { AlarmName: "gyre-churn-u2/5xx" },
            ],
          },
        },
      },
    ]);
    expect(inputs(sagemaker, CreateEndpointCommand)).toEqual([]);
    expect(inputs(sagemaker, AddTagsCommand)).toStrictEqual([
      {
        ResourceArn: arnOf("gyre-churn"),
        Tags: [
          { Key: "gyre:deployment", Value: "dep_02" },
          { Key: "gyre:endpoint", Value: "churn" },
          { Key: "gyre:configs", Value: "gyre-churn-u1 gyre-churn-u2" },
        ],
      },
    ]);
  });

  it("removes configs nothing serves (with their model and alarms) but keeps the serving one", async () => {
    await host.deploy(churn("churn-u2", 2), canary, alarms);

    expect(inputs(sagemaker, ListTagsCommand)).toStrictEqual([
      { ResourceArn: arnOf("gyre-churn") },
    ]);
    expect(inputs(sagemaker, DeleteEndpointConfigCommand)).toStrictEqual([
      { EndpointConfigName: "gyre-churn-u0" },
    ]);
    expect(inputs(sagemaker, DeleteModelCommand)).toStrictEqual([
      { ModelName: model(1, "gyre-churn-u0") },
    ]);
    expect(inputs(cloudwatch, DescribeAlarmsCommand)).toStrictEqual([
      { AlarmNamePrefix: "gyre-churn-u0/" },
    ]);
    expect(inputs(cloudwatch, DeleteAlarmsCommand)).toStrictEqual([
      { AlarmNames: ["gyre-churn-u0/error-rate"] },
    ]);
  });

  it("sets target tracking on SageMakerVariantInvocationsPerInstance before the update", async () => {
    await host.deploy(churn("churn-u2", 2), canary, alarms);

    const target = {
      ServiceNamespace: "sagemaker",
      ScalableDimension: "sagemaker:variant:DesiredInstanceCount",
      ResourceId: "endpoint/gyre-churn/variant/AllTraffic",
    };
    expect(inputs(autoscaling, RegisterScalableTargetCommand)).toStrictEqual([
      { ...target, MinCapacity: 2, MaxCapacity: 6 },
    ]);
    expect(inputs(autoscaling, PutScalingPolicyCommand)).toStrictEqual([
      {
        ...target,
        PolicyName: "gyre-invocations-per-instance",
        PolicyType: "TargetTrackingScaling",
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 100,
          PredefinedMetricSpecification: {
            PredefinedMetricType: "SageMakerVariantInvocationsPerInstance",
          },
        },
      },
    ]);
    expect(inputs(autoscaling, DeregisterScalableTargetCommand)).toEqual([]);
  });

  it("stops scaling first when the instance type changes, which SageMaker refuses for a scaled variant", async () => {
    await host.deploy({ ...churn("churn-u2", 2), instanceType: "ml.c5.xlarge" }, canary, alarms);

    expect(inputs(autoscaling, DeregisterScalableTargetCommand)).toStrictEqual([
      {
        ServiceNamespace: "sagemaker",
        ScalableDimension: "sagemaker:variant:DesiredInstanceCount",
        ResourceId: "endpoint/gyre-churn/variant/AllTraffic",
      },
    ]);
    expect(inputs(autoscaling, RegisterScalableTargetCommand)).toEqual([]);
    expect(inputs(sagemaker, UpdateEndpointCommand)).toHaveLength(1);
  });

  it("shifts linearly or all at once, and leaves auto-rollback out without alarms", async () => {
    const base = {
      waitIntervalInSeconds: 60,
      maximumExecutionTimeoutInSeconds: 1800,
      terminationWaitInSeconds: 0,
    };
    await host.deploy(
      churn("churn-u2", 2),
      {
        ...base,
        type: "LINEAR",
        linearStepSize: { type: "CAPACITY_PERCENT", value: 25 },
      },
      alarms.slice(0, 1),
    );
    await host.deploy(churn("churn-u3", 3), { ...base, type: "ALL_AT_ONCE" }, []);

    expect(inputs(sagemaker, UpdateEndpointCommand).map((i) => i.DeploymentConfig)).toStrictEqual([
      {
        BlueGreenUpdatePolicy: {
          TrafficRoutingConfiguration: {
            Type: "LINEAR",
            WaitIntervalInSeconds: 60,
            LinearStepSize: { Type: "CAPACITY_PERCENT", Value: 25 },
          },
          TerminationWaitInSeconds: 0,
          MaximumExecutionTimeoutInSeconds: 1800,
        },
        AutoRollbackConfiguration: { Alarms: [{ AlarmName: "gyre-churn-u2/error-rate" }] },
      },
      {
        BlueGreenUpdatePolicy: {
          TrafficRoutingConfiguration: { Type: "ALL_AT_ONCE", WaitIntervalInSeconds: 60 },
          TerminationWaitInSeconds: 0,
          MaximumExecutionTimeoutInSeconds: 1800,
        },
      },
    ]);
  });

  it("does nothing for a config SageMaker already serves or is rolling out (a repeated event)", async () => {
    await host.deploy(churn("churn-u1", 1), canary, alarms);
    sagemaker.on(DescribeEndpointCommand).resolves(
      inService("gyre-churn-u1", {
        EndpointStatus: "Updating",
        PendingDeploymentSummary: { EndpointConfigName: "gyre-churn-u2" },
      }),
    );
    await host.deploy(churn("churn-u2", 2), canary, alarms);

    expect(inputs(sagemaker, CreateModelCommand)).toEqual([]);
    expect(inputs(sagemaker, UpdateEndpointCommand)).toEqual([]);
  });

  it("takes a deploy that lost the race to a copy of itself as accepted (SageMaker refused its update)", async () => {
    sagemaker
      .on(DescribeEndpointCommand)
      .resolvesOnce(inService("gyre-churn-u1"))
      .resolves(
        inService("gyre-churn-u1", {
          EndpointStatus: "Updating",
          PendingDeploymentSummary: { EndpointConfigName: "gyre-churn-u2" },
        }),
      );
    sagemaker.on(UpdateEndpointCommand).rejects(
      Object.assign(new Error("Cannot update in-progress endpoint"), {
        name: "ValidationException",
      }),
    );
    await host.deploy(churn("churn-u2", 2), canary, alarms);
    expect(inputs(sagemaker, UpdateEndpointCommand)).toHaveLength(1);
  });

  it("still refuses when the update SageMaker rejected is not its own", async () => {
    sagemaker.on(UpdateEndpointCommand).rejects(
      Object.assign(new Error("Cannot update in-progress endpoint"), {
        name: "ValidationException",
      }),
    );
    await expect(host.deploy(churn("churn-u2", 2), canary, alarms)).rejects.toThrow(/in-progress/);
  });

  it("refuses a new config while another update runs, creating nothing", async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(
      inService("gyre-churn-u1", {
        EndpointStatus: "Updating",
        PendingDeploymentSummary: { EndpointConfigName: "gyre-churn-u2" },
      }),
    );
    await expect(host.deploy(churn("churn-u3", 3), canary, alarms)).rejects.toMatchObject({
      kind: "conflict",
      code: "endpoints.busy",
    });
    expect(inputs(sagemaker, CreateModelCommand)).toEqual([]);
  });
});

describe("AwsSageMakerHost.deploy refuses at the boundary", () => {
  it("names SageMaker cannot take, a rollout missing its size, and more than ten alarms", async () => {
    sagemaker.on(DescribeEndpointCommand).rejects(notFound("endpoint"));
    await expect(host.deploy(churn("dep_01", 1), canary, [])).rejects.toMatchObject({
      kind: "input",
      code: "endpoints.invalid_config_name",
    });
    await expect(
      host.deploy({ ...churn("c-1", 1), endpoint: "x".repeat(59) }, canary, []),
    ).rejects.toMatchObject({ code: "endpoints.invalid_endpoint_name" });
    await expect(
      host.deploy(churn("c-1", 1), { ...canary, canarySize: undefined }, []),
    ).rejects.toMatchObject({ code: "endpoints.invalid_rollout" });
    const many = Array.from({ length: 11 }, (_, i) => ({
      name: `a${i}`,
      metric: "errorRate" as const,
      threshold: 0.1,
      minRequests: 1,
    }));
    await expect(host.deploy(churn("c-1", 1), canary, many)).rejects.toMatchObject({
      code: "endpoints.too_many_alarms",
    });
    expect(inputs(sagemaker, CreateModelCommand)).toEqual([]);
  });

  it("SageMaker's quota and validation errors as VisibleErrors with its message", async () => {
    sagemaker.on(DescribeEndpointCommand).rejects(notFound("endpoint"));
    sagemaker
      .on(CreateEndpointCommand)
      .rejects(
        Object.assign(new Error("ml.m5.large quota is 0"), { name: "ResourceLimitExceeded" }),
      );
    await expect(host.deploy(churn("q-1", 1), canary, [])).rejects.toMatchObject({
      kind: "conflict",
      code: "endpoints.limit_exceeded",
      message: expect.stringContaining("ml.m5.large quota is 0"),
    });
  });
});

describe("AwsSageMakerHost.describe", () => {
  it("reports both fleets of a blue/green update with their versions, and Gyre's config name", async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(
      inService("gyre-churn-d1", {
        EndpointStatus: "Updating",
        PendingDeploymentSummary: {
          EndpointConfigName: "gyre-churn-d2",
          ProductionVariants: [
            {
              VariantName: "AllTraffic",
              CurrentWeight: 1,
              CurrentInstanceCount: 1,
              DesiredInstanceCount: 2,
            },
          ],
        },
      }),
    );
    sagemaker
      .on(DescribeEndpointConfigCommand, { EndpointConfigName: "gyre-churn-d1" })
      .resolves(configWith("gyre-churn-d1", 1));
    sagemaker
      .on(DescribeEndpointConfigCommand, { EndpointConfigName: "gyre-churn-d2" })
      .resolves(configWith("gyre-churn-d2", 2));

    expect(await host.describe("churn")).toEqual({
      status: "Updating",
      configName: "churn-d1",
      variants: [
        { name: "AllTraffic", version: 1, weight: 1, instanceCount: 2 },
        { name: "AllTraffic", version: 2, weight: 1, instanceCount: 1 },
      ],
    });
    expect(inputs(sagemaker, DescribeEndpointCommand)).toStrictEqual([
      { EndpointName: "gyre-churn" },
    ]);
  });

  it("shows a rollback SageMaker did by itself: InService on the old config, with its reason", async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(
      inService("gyre-churn-r1", {
        FailureReason: "Alarm gyre-churn-r2/error-rate was triggered.",
      }),
    );
    sagemaker.on(DescribeEndpointConfigCommand).resolves(configWith("gyre-churn-r1", 1));

    expect(await host.describe("churn")).toMatchObject({
      status: "InService",
      configName: "churn-r1",
      failureReason: "Alarm gyre-churn-r2/error-rate was triggered.",
    });
  });

  it("answers undefined for an endpoint SageMaker does not have", async () => {
    sagemaker.on(DescribeEndpointCommand).rejects(notFound('endpoint "gyre-churn"'));
    expect(await host.describe("churn")).toBeUndefined();
  });
});

describe("AwsSageMakerHost.metrics", () => {
  it("asks CloudWatch for each fleet's requests, 5xx and p99 over one period spanning the window", async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(
      inService("gyre-churn-m1", {
        PendingDeploymentSummary: { EndpointConfigName: "gyre-churn-m2" },
      }),
    );
    sagemaker
      .on(DescribeEndpointConfigCommand, { EndpointConfigName: "gyre-churn-m1" })
      .resolves(configWith("gyre-churn-m1", 1));
    sagemaker
      .on(DescribeEndpointConfigCommand, { EndpointConfigName: "gyre-churn-m2" })
      .resolves(configWith("gyre-churn-m2", 2));
    cloudwatch.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: "requests0", Values: [900] },
        { Id: "errors0", Values: [9] },
        { Id: "latency0", Values: [41_000] },
        { Id: "requests1", Values: [100] },
        { Id: "errors1", Values: [50] },
        { Id: "latency1", Values: [120_000] },
      ],
    });
    const since = new Date(Date.now() - 5 * 60_000 - 1_000);

    const metrics = await host.metrics("churn", since);

    const [input] = inputs(cloudwatch, GetMetricDataCommand);
    const start = Math.floor(since.getTime() / 60_000) * 60_000;
    expect(input?.StartTime).toEqual(new Date(start));
    const end = (input?.EndTime as Date | undefined)?.getTime() ?? 0;
    const period = (end - start) / 1000;
    expect(period % 60).toBe(0);
    const returned = (q: ReturnType<typeof stat>) => ({ ...q, ReturnData: true });
    expect(input?.MetricDataQueries).toStrictEqual([
      returned(stat("requests0", "Invocations", "Sum", "gyre-churn-m1", period)),
      returned(stat("errors0", "Invocation5XXErrors", "Sum", "gyre-churn-m1", period)),
      returned(stat("latency0", "ModelLatency", "p99", "gyre-churn-m1", period)),
      returned(stat("requests1", "Invocations", "Sum", "gyre-churn-m2", period)),
      returned(stat("errors1", "Invocation5XXErrors", "Sum", "gyre-churn-m2", period)),
      returned(stat("latency1", "ModelLatency", "p99", "gyre-churn-m2", period)),
    ]);
    expect(metrics).toEqual([
      {
        variant: "AllTraffic",
        version: 1,
        requests: 900,
        errors5xx: 9,
        errorRate: 0.01,
        latencyP99Ms: 41,
      },
      {
        variant: "AllTraffic",
        version: 2,
        requests: 100,
        errors5xx: 50,
        errorRate: 0.5,
        latencyP99Ms: 120,
      },
    ]);
  });
});

describe("AwsSageMakerHost.delete", () => {
  it("stops scaling, deletes the endpoint, then every config it made with its model and alarms", async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(inService("gyre-churn-x2"));
    sagemaker.on(ListTagsCommand).resolves({
      Tags: [{ Key: "gyre:configs", Value: "gyre-churn-x1 gyre-churn-x2" }],
    });
    sagemaker
      .on(DescribeEndpointConfigCommand, { EndpointConfigName: "gyre-churn-x1" })
      .resolves(configWith("gyre-churn-x1", 1));
    sagemaker
      .on(DescribeEndpointConfigCommand, { EndpointConfigName: "gyre-churn-x2" })
      .resolves(configWith("gyre-churn-x2", 2));
    cloudwatch.on(DescribeAlarmsCommand, { AlarmNamePrefix: "gyre-churn-x2/" }).resolves({
      MetricAlarms: [{ AlarmName: "gyre-churn-x2/error-rate" }, { AlarmName: "gyre-churn-x2/p99" }],
    });
    sagemaker
      .on(DeleteModelCommand, { ModelName: model(1, "gyre-churn-x1") })
      .rejects(notFound("model"));

    await host.delete("churn");

    expect(inputs(autoscaling, DeregisterScalableTargetCommand)).toHaveLength(1);
    expect(inputs(sagemaker, DeleteEndpointCommand)).toStrictEqual([
      { EndpointName: "gyre-churn" },
    ]);
    expect(inputs(sagemaker, DeleteEndpointConfigCommand)).toStrictEqual([
      { EndpointConfigName: "gyre-churn-x1" },
      { EndpointConfigName: "gyre-churn-x2" },
    ]);
    expect(inputs(sagemaker, DeleteModelCommand)).toStrictEqual([
      { ModelName: model(1, "gyre-churn-x1") },
      { ModelName: model(2, "gyre-churn-x2") },
    ]);
    expect(inputs(cloudwatch, DeleteAlarmsCommand)).toStrictEqual([
      { AlarmNames: ["gyre-churn-x2/error-rate", "gyre-churn-x2/p99"] },
    ]);
  });

  it("is done already when SageMaker has no such endpoint", async () => {
    sagemaker.on(DescribeEndpointCommand).rejects(notFound("endpoint"));
    await host.delete("churn");
    expect(inputs(sagemaker, DeleteEndpointCommand)).toEqual([]);
  });
});

describe("AwsSageMakerHost.invoke", () => {
  const request = {
    body: new TextEncoder().encode("tenure,plan\n3,pro\n"),
    contentType: "text/csv",
    accept: "application/json",
  };

  it("sends the body as it is and answers with the variant and the version the server names", async () => {
    runtime.on(InvokeEndpointCommand).resolves({
      Body: new TextEncoder().encode('{"probabilities":[0.2]}') as never,
      ContentType: "application/json",
      InvokedProductionVariant: "AllTraffic",
      CustomAttributes: "gyre-model-version=2",
    });

    const answer = await host.invoke("churn", request);

    expect(inputs(runtime, InvokeEndpointCommand)).toStrictEqual([
      {
        EndpointName: "gyre-churn",
        ContentType: "text/csv",
        Accept: "application/json",
        Body: request.body,
      },
    ]);
    expect({ ...answer, body: new TextDecoder().decode(answer.body) }).toEqual({
      status: 200,
      body: '{"probabilities":[0.2]}',
      contentType: "application/json",
      variant: "AllTraffic",
      version: 2,
    });
  });

  it("falls back to the serving config's version, read once and then remembered", async () => {
    runtime.on(InvokeEndpointCommand).resolves({
      Body: new Uint8Array() as never,
      ContentType: "application/json",
      InvokedProductionVariant: "AllTraffic",
    });
    sagemaker.on(DescribeEndpointCommand).resolves(inService("gyre-churn-i1"));
    sagemaker.on(DescribeEndpointConfigCommand).resolves(configWith("gyre-churn-i1", 1));

    expect((await host.invoke("churn", request)).version).toBe(1);
    expect((await host.invoke("churn", request)).version).toBe(1);
    expect(inputs(sagemaker, DescribeEndpointCommand)).toHaveLength(1);
  });

  it("answers a model error with the container's own status and message", async () => {
    runtime.on(InvokeEndpointCommand).rejects(
      new ModelError({
        message: "Received server error (500) from primary",
        $metadata: {},
        OriginalStatusCode: 503,
        OriginalMessage: "model is warming up",
      }),
    );
    sagemaker.on(DescribeEndpointCommand).resolves(inService("gyre-churn-i2"));
    sagemaker.on(DescribeEndpointConfigCommand).resolves(configWith("gyre-churn-i2", 4));

    const answer = await host.invoke("churn", { body: request.body, contentType: "text/csv" });

    expect(inputs(runtime, InvokeEndpointCommand)[0]).not.toHaveProperty("Accept");
    expect({ ...answer, body: new TextDecoder().decode(answer.body) }).toEqual({
      status: 503,
      body: "model is warming up",
      contentType: "text/plain; charset=utf-8",
      variant: "AllTraffic",
      version: 4,
    });
  });

  it("turns an unknown endpoint into endpoints.not_found", async () => {
    runtime.on(InvokeEndpointCommand).rejects(
      Object.assign(new Error("Endpoint gyre-nope of account 123456789012 not found."), {
        name: "ValidationError",
      }),
    );
    await expect(host.invoke("nope", request)).rejects.toMatchObject({
      kind: "not_found",
      code: "endpoints.not_found",
    });
  });
});
