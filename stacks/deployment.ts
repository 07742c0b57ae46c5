import { PREFIX } from "@gyre/core/platform/endpoints/sagemaker-names";
import { AwsSageMaker } from "@gyre/events";
import type { EndpointTargets } from "./access";
import type { GyreBucket } from "./bucket";
import { forwardToBus, type GyreBus } from "./bus";
import { arn, assumedBy } from "./iam";

export interface GyreDeployment {
  /** The role SageMaker runs Gyre's model containers as (CreateModel's ExecutionRoleArn). */
  executionRole: aws.iam.Role;
  /** Default-bus rule bringing SageMaker's events for `gyre-*` endpoints onto the Gyre bus. */
  sagemakerEvents: aws.cloudwatch.EventRule;
  /** What `access.endpoints` grants: hand these to the function context's targets. */
  endpoints: EndpointTargets;
}

/** SageMaker sends endpoint events to the default bus; these are the ones Gyre follows. */
export const SAGEMAKER_EVENTS = {
  source: [AwsSageMaker.source],
  "detail-type": [
    AwsSageMaker.EndpointStateChange.detailType,
    AwsSageMaker.EndpointDeploymentStateChange.detailType,
  ],
  detail: { EndpointName: [{ prefix: PREFIX }] },
};

/**
 * The deployment service's AWS side beyond its functions and table: the SageMaker execution
 * role, least privilege (read the trained artifacts under `runs/`, write data capture under
 * `capture/`, pull images, write the endpoints' logs, read the rollback alarms), and the rule
 * forwarding SageMaker's endpoint events. The API and subscriptions come from the service's
 * declaration like every other service's.
 */
export function gyreDeployment(gyre: GyreBus, data: GyreBucket): GyreDeployment {
  const executionRole = new aws.iam.Role("GyreSageMakerExecutionRole", {
    assumeRolePolicy: assumedBy("sagemaker.amazonaws.com"),
  });
  const logGroups = arn("logs", `log-group:/aws/sagemaker/Endpoints/${PREFIX}*`);
  const alarms = arn("cloudwatch", `alarm:${PREFIX}*`);
  new aws.iam.RolePolicy("GyreSageMakerExecution", {
    role: executionRole.id,
    policy: $util.jsonStringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: $util.interpolate`${data.bucket.arn}/runs/*`,
        },
        {
          Effect: "Allow",
          Action: "s3:ListBucket",
          Resource: data.bucket.arn,
          Condition: { StringLike: { "s3:prefix": ["runs/*"] } },
        },
        {
          Effect: "Allow",
          Action: "s3:PutObject",
          Resource: $util.interpolate`${data.bucket.arn}/capture/*`,
        },
        // GetAuthorizationToken has no resource type; the pulls are this account's repositories.
        { Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
        {
          Effect: "Allow",
          Action: [
            "ecr:BatchCheckLayerAvailability",
            "ecr:GetDownloadUrlForLayer",
            "ecr:BatchGetImage",
          ],
          Resource: arn("ecr", "repository/*"),
        },
        {
          Effect: "Allow",
          Action: [
            "logs:CreateLogGroup",
            "logs:CreateLogStream",
            "logs:PutLogEvents",
            "logs:DescribeLogStreams",
          ],
          Resource: [logGroups, $util.interpolate`${logGroups}:log-stream:*`],
        },
        {
          // Instance metrics; PutMetricData has no resource type, the namespace narrows it.
          Effect: "Allow",
          Action: "cloudwatch:PutMetricData",
          Resource: "*",
          Condition: { StringLike: { "cloudwatch:namespace": "/aws/sagemaker/*" } },
        },
        // Deployment guardrails read the auto-rollback alarms as this role.
        { Effect: "Allow", Action: "cloudwatch:DescribeAlarms", Resource: alarms },
      ],
    }),
  });
  const sagemakerEvents = forwardToBus("GyreSageMakerEvents", gyre.bus, SAGEMAKER_EVENTS);
  const account = aws.getCallerIdentityOutput().accountId;
  return {
    executionRole,
    sagemakerEvents,
    endpoints: {
      sagemaker: [
        arn("sagemaker", `endpoint/${PREFIX}*`),
        arn("sagemaker", `endpoint-config/${PREFIX}*`),
        arn("sagemaker", `model/${PREFIX}*`),
      ],
      executionRole: executionRole.arn,
      alarms,
      scalableTargets: arn("application-autoscaling", "scalable-target/*"),
      autoscalingRole: $util.interpolate`arn:${aws.getPartitionOutput().partition}:iam::${account}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint`,
    },
  };
}
