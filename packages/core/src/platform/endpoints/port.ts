/**
 * The endpoints port: model servers behind an endpoint, as SageMaker runs them. On AWS,
 * CreateModel / CreateEndpointConfig / CreateEndpoint or UpdateEndpoint with a blue/green
 * DeploymentConfig; locally, model-host child processes behind a weighted proxy that
 * emulates SageMaker's blue/green guardrails. Either way progress is reported only through
 * the `aws.sagemaker` events SageMaker sends (`SageMaker Endpoint State Change`, and
 * `SageMaker Endpoint Deployment State Change` during a blue/green update).
 */

/** One model version's server: what the endpoint runs. */
export interface ServingModel {
  model: string;
  version: number;
  /** The trained artifact's prefix (`s3://<bucket>/runs/<run>/model/`), unpacked at SM_MODEL_DIR. */
  artifactUri: string;
  /** The serving container image (the pipeline's `serve.image`). */
  image: string;
  /** How the local host runs the server instead of the image (the pipeline's `serve.local.command`). */
  localCommand?: string[];
  environment?: Record<string, string>;
}

export interface EndpointConfig {
  endpoint: string;
  /** Unique per deployment: the EndpointConfigName DescribeEndpoint reports once it serves. */
  configName: string;
  serving: ServingModel;
  instanceType: string;
  instanceCount: number;
  dataCapture?: { enabled: boolean; samplingPercent: number; destinationS3Uri: string };
  autoscaling?: { min: number; max: number; targetInvocationsPerInstance: number };
  /** Put on every resource (`gyre:deployment`, `gyre:model`, ...). */
  tags: Record<string, string>;
}

/** SageMaker's deployment-guardrail vocabulary (BlueGreenUpdatePolicy). */
export interface RolloutPolicy {
  type: "ALL_AT_ONCE" | "CANARY" | "LINEAR";
  canarySize?: { type: "CAPACITY_PERCENT"; value: number };
  linearStepSize?: { type: "CAPACITY_PERCENT"; value: number };
  /** The bake after each traffic shift, during which the alarms are watched. */
  waitIntervalInSeconds: number;
  maximumExecutionTimeoutInSeconds: number;
  /** How long the old fleet keeps running after the shift completes. */
  terminationWaitInSeconds: number;
  /**
   * Before any traffic shifts: mirror `percent` of live requests to the new fleet for
   * `durationSeconds`, answer from the old one, and compare the two fleets' predictions; a
   * mean difference over `maxPredictionDelta` stops the update before a user sees it.
   */
  shadow?: { percent: number; durationSeconds: number; maxPredictionDelta?: number };
}

/** A rollback condition on the new fleet (a CloudWatch alarm on AWS). */
export interface AlarmRule {
  name: string;
  metric: "errorRate" | "latencyP99Ms" | "invocation5xx";
  threshold: number;
  /** Requests the new fleet must have seen in the bake before the alarm can trip. */
  minRequests: number;
}

export type EndpointStatus =
  | "OutOfService"
  | "Creating"
  | "Updating"
  | "SystemUpdating"
  | "RollingBack"
  | "InService"
  | "Deleting"
  | "Failed"
  | "UpdateRollbackFailed";

export interface EndpointState {
  status: EndpointStatus;
  configName: string;
  failureReason?: string;
  variants: { name: string; version: number; weight: number; instanceCount: number }[];
}

export interface VariantMetrics {
  variant: string;
  version: number;
  requests: number;
  errors5xx: number;
  errorRate: number;
  latencyP99Ms: number;
}

export interface InvokeRequest {
  body: Uint8Array;
  contentType: string;
  accept?: string;
  /** SageMaker's InferenceId: written to data capture, where ground truth is joined by it. */
  inferenceId?: string;
}

export interface InvokeResponse {
  status: number;
  body: Uint8Array;
  contentType: string;
  /** The variant that answered, and the model version it serves. */
  variant: string;
  version: number;
}

export interface EndpointHost {
  /**
   * Where the endpoints' data capture lands (`s3://<bucket>/capture`): the host's to know, since
   * SageMaker (or the local host), not the function that deploys, writes there.
   */
  readonly captureDestination: string;
  /**
   * Serves `config` on the endpoint: creates it when it does not exist, else updates it
   * blue/green by `rollout`, rolling back to the old config by itself when an alarm trips
   * during a bake. Returns once the change is accepted; progress comes as events.
   */
  deploy(config: EndpointConfig, rollout: RolloutPolicy, alarms: AlarmRule[]): Promise<void>;
  describe(endpoint: string): Promise<EndpointState | undefined>;
  /** Per-variant numbers since `since` (for a deployment's step record). */
  metrics(endpoint: string, since: Date): Promise<VariantMetrics[]>;
  delete(endpoint: string): Promise<void>;
  invoke(endpoint: string, request: InvokeRequest): Promise<InvokeResponse>;
}
