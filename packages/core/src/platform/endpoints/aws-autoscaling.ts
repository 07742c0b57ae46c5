import {
  DeregisterScalableTargetCommand,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
} from "@aws-sdk/client-application-auto-scaling";
import { autoscaling } from "./aws-clients";
import { describeConfig } from "./aws-endpoint-state";
import type { EndpointConfig } from "./port";
import { isObjectNotFound } from "./sagemaker-errors";
import { PREFIX, scalableResource } from "./sagemaker-names";

export const SCALABLE = {
  ServiceNamespace: "sagemaker",
  ScalableDimension: "sagemaker:variant:DesiredInstanceCount",
} as const;
export const POLICY_NAME = `${PREFIX}invocations-per-instance`;

/**
 * Target tracking on SageMakerVariantInvocationsPerInstance, set on the serving variant
 * before a blue/green update: the target stays with the variant name (`AllTraffic`) across
 * configs. SageMaker refuses an update that changes the instance type of a scaled variant,
 * so then (and when the config asks for none) scaling is stopped instead.
 */
export async function applyAutoscaling(
  endpoint: string,
  config: EndpointConfig,
  servingConfig: string,
): Promise<void> {
  const serving = await describeConfig(servingConfig);
  const servingType = serving?.ProductionVariants?.[0]?.InstanceType;
  if (!config.autoscaling || servingType !== config.instanceType) return stopAutoscaling(endpoint);
  const ResourceId = scalableResource(endpoint);
  await autoscaling.send(
    new RegisterScalableTargetCommand({
      ...SCALABLE,
      ResourceId,
      MinCapacity: config.autoscaling.min,
      MaxCapacity: config.autoscaling.max,
    }),
  );
  await autoscaling.send(
    new PutScalingPolicyCommand({
      ...SCALABLE,
      ResourceId,
      PolicyName: POLICY_NAME,
      PolicyType: "TargetTrackingScaling",
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: config.autoscaling.targetInvocationsPerInstance,
        PredefinedMetricSpecification: {
          PredefinedMetricType: "SageMakerVariantInvocationsPerInstance",
        },
      },
    }),
  );
}

/** Deregistering a target deletes its policies too; a variant never scaled is fine. */
export async function stopAutoscaling(endpoint: string): Promise<void> {
  try {
    await autoscaling.send(
      new DeregisterScalableTargetCommand({ ...SCALABLE, ResourceId: scalableResource(endpoint) }),
    );
  } catch (error) {
    if (!isObjectNotFound(error)) throw error;
  }
}
