import { testPattern } from "@gyre/core/platform/pattern/index";
import { type TableOwner, tables } from "@gyre/core/platform/state/tables";
import { beforeAll, describe, expect, it } from "vitest";
import type { Access } from "../functions/wiring";
import type { Statement } from "./access";
import type { FunctionSpec } from "./functions";
import {
  ACCOUNT,
  preparePlatform,
  REGION,
  type Registered,
  recordingFactory,
  resolved,
  underMocks,
} from "./pulumi-mocks";

const INSTALL_MS = 5 * 60_000;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/GyreSageMakerExecutionRole`;
const BUS = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/GyreBus`;
const sagemakerArn = (resource: string) => `arn:aws:sagemaker:${REGION}:${ACCOUNT}:${resource}`;

let resources: Registered[];
const functions: FunctionSpec[] = [];

/** gyreDeployment() and two functions made with its targets: one with `endpoints`, one without. */
beforeAll(async () => {
  await preparePlatform();
  ({ resources } = await underMocks(async () => {
    const { gyreBus } = await import("./bus");
    const { gyreBucket } = await import("./bucket");
    const { gyreDeployment } = await import("./deployment");
    const { makeFunction } = await import("./functions");
    const bus = gyreBus();
    const data = gyreBucket(bus);
    const deployment = gyreDeployment(bus, data);
    const names = Object.fromEntries(tables.map((owner) => [owner, `${owner}-table`])) as Record<
      TableOwner,
      string
    >;
    const context = {
      factory: recordingFactory(functions),
      targets: {
        tables: names,
        bus: bus.bus.arn,
        archive: bus.archive.arn,
        replays: bus.replays,
        bucket: data.bucket.arn,
        bucketObjects: $util.interpolate`${data.bucket.arn}/*`,
        endpoints: deployment.endpoints,
        deadLetterQueues: {
          deadLetters: bus.deadLetters.arn,
          failedInvocations: bus.failedInvocations.arn,
        },
      },
      names: {
        bus: bus.bus.name,
        bucket: data.bucket.bucket,
        tables: names,
        queues: { deadLetters: bus.deadLetters.url, failedInvocations: bus.failedInvocations.url },
      },
    };
    const fn = (name: string, access: Access) =>
      makeFunction(context, { name, service: "deployment", module: "functions/x.ts", access });
    fn("DeploysEndpoints", { endpoints: true });
    fn("DoesNot", { publish: true });
  }));
}, INSTALL_MS);

const named = (type: string, name: string) => {
  const found = resources.find((r) => r.type === `aws:${type}` && r.name === name);
  if (!found) throw new Error(`no ${type} ${name}`);
  return found;
};
const spec = (name: string) => functions.find((f) => f.name === name) as FunctionSpec;

/** `endpoints: true` as IAM: what it must be, exactly. */
const ENDPOINTS: Statement[] = [
  {
    actions: [
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
    ],
    resources: [
      sagemakerArn("endpoint/gyre-*"),
      sagemakerArn("endpoint-config/gyre-*"),
      sagemakerArn("model/gyre-*"),
    ],
  },
  {
    actions: ["iam:PassRole"],
    resources: [ROLE],
    conditions: [
      {
        test: "StringEquals",
        variable: "iam:PassedToService",
        values: ["sagemaker.amazonaws.com"],
      },
    ],
  },
  {
    actions: ["cloudwatch:PutMetricAlarm", "cloudwatch:DescribeAlarms", "cloudwatch:DeleteAlarms"],
    resources: [`arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:gyre-*`],
  },
  { actions: ["cloudwatch:GetMetricData"], resources: ["*"] },
  {
    actions: [
      "application-autoscaling:RegisterScalableTarget",
      "application-autoscaling:DeregisterScalableTarget",
      "application-autoscaling:PutScalingPolicy",
    ],
    resources: [`arn:aws:application-autoscaling:${REGION}:${ACCOUNT}:scalable-target/*`],
    conditions: [
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
    ],
  },
  {
    actions: ["iam:CreateServiceLinkedRole"],
    resources: [
      `arn:aws:iam::${ACCOUNT}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint`,
    ],
    conditions: [
      {
        test: "StringEquals",
        variable: "iam:AWSServiceName",
        values: ["sagemaker.application-autoscaling.amazonaws.com"],
      },
    ],
  },
];

describe("a function with endpoints: true (stacks/access.ts)", () => {
  it("gets exactly the SageMaker, PassRole, alarm, metric and scaling statements", async () => {
    expect(await resolved(spec("DeploysEndpoints").permissions)).toStrictEqual(ENDPOINTS);
  });

  it("gets the execution role's ARN as GYRE_SAGEMAKER_ROLE_ARN and the bucket's name (where capture goes) but no S3 statement; a function without it gets neither", async () => {
    const environment = await resolved(spec("DeploysEndpoints").environment);
    expect(environment).toMatchObject({ GYRE_SAGEMAKER_ROLE_ARN: ROLE });
    expect(environment.GYRE_BUCKET).toEqual(expect.any(String));
    expect(await resolved(spec("DoesNot").environment)).not.toHaveProperty(
      "GYRE_SAGEMAKER_ROLE_ARN",
    );
    expect(await resolved(spec("DoesNot").environment)).not.toHaveProperty("GYRE_BUCKET");
    const actions = (await resolved(spec("DoesNot").permissions)).flatMap((s) => s.actions);
    expect(
      actions.filter((a) => /^(sagemaker|cloudwatch|application-autoscaling|iam):/.test(a)),
    ).toEqual([]);
  });
});

describe("the SageMaker execution role (stacks/deployment.ts)", () => {
  it("can be assumed by SageMaker only", () => {
    const trust = JSON.parse(
      named("iam/role:Role", "GyreSageMakerExecutionRole").inputs.assumeRolePolicy as string,
    );
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "sagemaker.amazonaws.com" },
        Action: "sts:AssumeRole",
      },
    ]);
  });

  it("reads only runs/, writes only capture/, pulls this account's images, logs for gyre-* endpoints", () => {
    const policy = JSON.parse(
      named("iam/rolePolicy:RolePolicy", "GyreSageMakerExecution").inputs.policy as string,
    );
    const logs = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/sagemaker/Endpoints/gyre-*`;
    expect(policy.Statement).toStrictEqual([
      { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::GyreData/runs/*" },
      {
        Effect: "Allow",
        Action: "s3:ListBucket",
        Resource: "arn:aws:s3:::GyreData",
        Condition: { StringLike: { "s3:prefix": ["runs/*"] } },
      },
      { Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::GyreData/capture/*" },
      { Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
      {
        Effect: "Allow",
        Action: [
          "ecr:BatchCheckLayerAvailability",
          "ecr:GetDownloadUrlForLayer",
          "ecr:BatchGetImage",
        ],
        Resource: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/*`,
      },
      {
        Effect: "Allow",
        Action: [
          "logs:CreateLogGroup",
          "logs:CreateLogStream",
          "logs:PutLogEvents",
          "logs:DescribeLogStreams",
        ],
        Resource: [logs, `${logs}:log-stream:*`],
      },
      {
        Effect: "Allow",
        Action: "cloudwatch:PutMetricData",
        Resource: "*",
        Condition: { StringLike: { "cloudwatch:namespace": "/aws/sagemaker/*" } },
      },
      {
        Effect: "Allow",
        Action: "cloudwatch:DescribeAlarms",
        Resource: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:gyre-*`,
      },
    ]);
  });
});

describe("SageMaker's events (stacks/deployment.ts)", () => {
  const event = (detailType: string, EndpointName: string) => ({
    source: "aws.sagemaker",
    "detail-type": detailType,
    detail: { EndpointName, EndpointStatus: "IN_SERVICE" },
  });

  it("are forwarded from the default bus to the Gyre bus, both detail-types, for gyre-* endpoints only", () => {
    const rule = named("cloudwatch/eventRule:EventRule", "GyreSageMakerEvents");
    expect(rule.inputs.eventBusName).toBe("default");
    const pattern = JSON.parse(rule.inputs.eventPattern as string);
    expect(pattern).toEqual({
      source: ["aws.sagemaker"],
      "detail-type": [
        "SageMaker Endpoint State Change",
        "SageMaker Endpoint Deployment State Change",
      ],
      detail: { EndpointName: [{ prefix: "gyre-" }] },
    });
    expect(
      named("cloudwatch/eventTarget:EventTarget", "GyreSageMakerEventsTarget").inputs,
    ).toMatchObject({ arn: BUS, eventBusName: "default" });
    expect(testPattern(pattern, event("SageMaker Endpoint State Change", "gyre-churn"))).toBe(true);
    expect(
      testPattern(pattern, event("SageMaker Endpoint Deployment State Change", "gyre-churn")),
    ).toBe(true);
    expect(testPattern(pattern, event("SageMaker Endpoint State Change", "someone-elses"))).toBe(
      false,
    );
    expect(testPattern(pattern, event("SageMaker Training Job State Change", "gyre-x"))).toBe(
      false,
    );
  });
});
