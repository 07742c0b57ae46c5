import type {
  CreateEndpointConfigCommandInput,
  CreateModelCommandInput,
  DeploymentConfig,
  ProductionVariantInstanceType,
  Tag,
  TrafficRoutingConfig,
} from "@aws-sdk/client-sagemaker";
import { VisibleError } from "../errors";
import type { EndpointConfig, RolloutPolicy } from "./port";
import { VARIANT } from "./sagemaker-names";

/** The endpoint tag that lists the configs Gyre made for it and has not deleted yet. */
export const CONFIGS_TAG = "gyre:configs";
/** Content types captured as text rather than base64 (what Gyre's model servers take). */
export const CAPTURED_AS_TEXT = {
  CsvContentTypes: ["text/csv"],
  JsonContentTypes: ["application/json"],
};

export interface SageMakerNames {
  endpoint: string;
  config: string;
  model: string;
}

export function tagList(tags: Record<string, string>): Tag[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/**
 * The model points at the artifact's prefix, uncompressed (`S3Prefix` + `CompressionType:
 * None`): SageMaker copies it to /opt/ml/model as it is, so nothing repacks a model.tar.gz.
 */
export function createModelInput(
  config: EndpointConfig,
  names: SageMakerNames,
  executionRoleArn: string,
): CreateModelCommandInput {
  const { serving } = config;
  return {
    ModelName: names.model,
    PrimaryContainer: {
      Image: serving.image,
      ModelDataSource: {
        S3DataSource: {
          S3Uri: serving.artifactUri.endsWith("/")
            ? serving.artifactUri
            : `${serving.artifactUri}/`,
          S3DataType: "S3Prefix",
          CompressionType: "None",
        },
      },
      Environment: {
        ...serving.environment,
        GYRE_MODEL: serving.model,
        GYRE_MODEL_VERSION: String(serving.version),
      },
    },
    ExecutionRoleArn: executionRoleArn,
    Tags: tagList({
      ...config.tags,
      "gyre:endpoint": config.endpoint,
      "gyre:model": serving.model,
      "gyre:version": String(serving.version),
    }),
  };
}

export function createEndpointConfigInput(
  config: EndpointConfig,
  names: SageMakerNames,
): CreateEndpointConfigCommandInput {
  const capture = config.dataCapture;
  return {
    EndpointConfigName: names.config,
    ProductionVariants: [
      {
        VariantName: VARIANT,
        ModelName: names.model,
        // The SDK lists today's instance types; SageMaker itself judges the string.
        InstanceType: config.instanceType as ProductionVariantInstanceType,
        InitialInstanceCount: config.instanceCount,
        InitialVariantWeight: 1,
      },
    ],
    ...(capture?.enabled
      ? {
          DataCaptureConfig: {
            EnableCapture: true,
            InitialSamplingPercentage: capture.samplingPercent,
            DestinationS3Uri: capture.destinationS3Uri,
            CaptureOptions: [{ CaptureMode: "Input" }, { CaptureMode: "Output" }],
            CaptureContentTypeHeader: CAPTURED_AS_TEXT,
          },
        }
      : {}),
    Tags: tagList({ ...config.tags, "gyre:endpoint": config.endpoint }),
  };
}

/** Blue/green by the rollout; SageMaker rolls back by itself when one of `alarms` trips. */
export function deploymentConfig(rollout: RolloutPolicy, alarms: string[]): DeploymentConfig {
  return {
    BlueGreenUpdatePolicy: {
      TrafficRoutingConfiguration: trafficRouting(rollout),
      TerminationWaitInSeconds: rollout.terminationWaitInSeconds,
      MaximumExecutionTimeoutInSeconds: rollout.maximumExecutionTimeoutInSeconds,
    },
    ...(alarms.length > 0
      ? { AutoRollbackConfiguration: { Alarms: alarms.map((AlarmName) => ({ AlarmName })) } }
      : {}),
  };
}

function trafficRouting(rollout: RolloutPolicy): TrafficRoutingConfig {
  const wait = { WaitIntervalInSeconds: rollout.waitIntervalInSeconds };
  switch (rollout.type) {
    case "ALL_AT_ONCE":
      return { Type: "ALL_AT_ONCE", ...wait };
    case "CANARY": {
      const size = required(rollout.canarySize, "canarySize", "CANARY");
      return { Type: "CANARY", ...wait, CanarySize: { Type: size.type, Value: size.value } };
    }
    case "LINEAR": {
      const size = required(rollout.linearStepSize, "linearStepSize", "LINEAR");
      return { Type: "LINEAR", ...wait, LinearStepSize: { Type: size.type, Value: size.value } };
    }
  }
}

function required<T>(value: T | undefined, field: string, type: string): T {
  if (value === undefined) {
    throw new VisibleError(
      "input",
      "endpoints.invalid_rollout",
      `A ${type} rollout needs ${field}.`,
    );
  }
  return value;
}
