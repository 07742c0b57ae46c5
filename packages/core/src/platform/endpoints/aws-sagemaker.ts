import { GetMetricDataCommand, PutMetricAlarmCommand } from "@aws-sdk/client-cloudwatch";
import {
  AddTagsCommand,
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteEndpointCommand,
  type DescribeEndpointCommandOutput,
  UpdateEndpointCommand,
} from "@aws-sdk/client-sagemaker";
import { VisibleError } from "../errors";
import { captureUri, DEFAULT_BUCKET } from "../objects/places";
import { applyAutoscaling, stopAutoscaling } from "./aws-autoscaling";
import { cloudwatch, sagemaker } from "./aws-clients";
import { describeEndpoint, fleetsOf, knownConfigs, removeConfig } from "./aws-endpoint-state";
import { invokeEndpoint, ServingVersions } from "./aws-invoke";
import type {
  AlarmRule,
  EndpointConfig,
  EndpointHost,
  EndpointState,
  InvokeRequest,
  InvokeResponse,
  RolloutPolicy,
  VariantMetrics,
} from "./port";
import { alarmInput, fleetTotals, metricsInput } from "./sagemaker-alarms";
import { isAlreadyExisting, translated } from "./sagemaker-errors";
import { gyreName, modelName, sagemakerName, VARIANT } from "./sagemaker-names";
import {
  CONFIGS_TAG,
  createEndpointConfigInput,
  createModelInput,
  deploymentConfig,
  tagList,
} from "./sagemaker-requests";

/** SageMaker accepts at most ten alarms in an AutoRollbackConfiguration. */
export const MAX_ALARMS = 10;

/**
 * The endpoints port on SageMaker. Every name gets the `gyre-` prefix IAM grants; one model
 * and one endpoint config per deployment, one production variant `AllTraffic` in each, and
 * blue/green UpdateEndpoint with the CloudWatch alarms (on the new fleet) that make SageMaker
 * roll back by itself. The endpoint's `gyre:configs` tag lists the configs made for it, so
 * the next deployment and delete() can remove what nothing serves any more.
 */
export class AwsSageMakerHost implements EndpointHost {
  private readonly versions = new ServingVersions();

  constructor(
    private readonly executionRoleArn = () => requiredEnv("GYRE_SAGEMAKER_ROLE_ARN"),
    readonly captureDestination = captureUri(DEFAULT_BUCKET),
  ) {}

  async deploy(config: EndpointConfig, rollout: RolloutPolicy, alarms: AlarmRule[]): Promise<void> {
    const endpoint = sagemakerName(config.endpoint, "endpoint");
    const configName = sagemakerName(config.configName, "config");
    if (alarms.length > MAX_ALARMS) {
      throw new VisibleError(
        "input",
        "endpoints.too_many_alarms",
        `SageMaker rolls back on at most ${MAX_ALARMS} alarms; ${config.endpoint} has ${alarms.length}.`,
      );
    }
    const names = {
      endpoint,
      config: configName,
      model: modelName(config.endpoint, config.serving.version, configName),
    };
    const alarmInputs = alarms.map((rule) => alarmInput(rule, endpoint, configName));
    const update = deploymentConfig(
      rollout,
      alarmInputs.map((input) => input.AlarmName ?? ""),
    );
    try {
      const current = await describeEndpoint(endpoint);
      if (current && accepted(current, configName)) return;
      if (current && current.EndpointStatus !== "InService") {
        throw new VisibleError(
          "conflict",
          "endpoints.busy",
          `${config.endpoint} is ${current.EndpointStatus}; SageMaker takes a new config only when it is InService.`,
        );
      }
      await created(() =>
        sagemaker.send(
          new CreateModelCommand(createModelInput(config, names, this.executionRoleArn())),
        ),
      );
      await created(() =>
        sagemaker.send(new CreateEndpointConfigCommand(createEndpointConfigInput(config, names))),
      );
      for (const input of alarmInputs) await cloudwatch.send(new PutMetricAlarmCommand(input));
      if (!current) {
        await sagemaker.send(
          new CreateEndpointCommand({
            EndpointName: endpoint,
            EndpointConfigName: configName,
            Tags: tagList({
              ...config.tags,
              "gyre:endpoint": config.endpoint,
              [CONFIGS_TAG]: configName,
            }),
          }),
        );
        return;
      }
      await this.update(config, current, names, update);
    } catch (error) {
      // Two deliveries of one rollout deploying at once: SageMaker refuses the second
      // CreateEndpoint or UpdateEndpoint, and the endpoint then shows the first one's change.
      const now = await describeEndpoint(endpoint).catch(() => undefined);
      if (now && accepted(now, configName)) return;
      throw translated(error, config.endpoint);
    }
  }

  /** Clears what nothing serves, records the new config, then starts the blue/green update. */
  private async update(
    config: EndpointConfig,
    current: DescribeEndpointCommandOutput,
    names: { endpoint: string; config: string },
    update: ReturnType<typeof deploymentConfig>,
  ): Promise<void> {
    const serving = current.EndpointConfigName ?? "";
    const known = await knownConfigs(current.EndpointArn ?? "");
    for (const stale of known.filter((c) => c !== serving && c !== names.config)) {
      await removeConfig(stale);
    }
    await applyAutoscaling(names.endpoint, config, serving);
    await sagemaker.send(
      new AddTagsCommand({
        ResourceArn: current.EndpointArn,
        Tags: tagList({
          ...config.tags,
          "gyre:endpoint": config.endpoint,
          [CONFIGS_TAG]: `${serving} ${names.config}`,
        }),
      }),
    );
    await sagemaker.send(
      new UpdateEndpointCommand({
        EndpointName: names.endpoint,
        EndpointConfigName: names.config,
        DeploymentConfig: update,
      }),
    );
  }

  async describe(endpoint: string): Promise<EndpointState | undefined> {
    try {
      const found = await describeEndpoint(sagemakerName(endpoint, "endpoint"));
      if (!found) return undefined;
      const fleets = await fleetsOf(found);
      return {
        status: found.EndpointStatus ?? "Failed",
        configName: gyreName(found.EndpointConfigName ?? "") ?? found.EndpointConfigName ?? "",
        ...(found.FailureReason ? { failureReason: found.FailureReason } : {}),
        variants: fleets.flatMap((fleet) => fleet.variants),
      };
    } catch (error) {
      throw translated(error, endpoint);
    }
  }

  async metrics(endpoint: string, since: Date): Promise<VariantMetrics[]> {
    const name = sagemakerName(endpoint, "endpoint");
    try {
      const found = await describeEndpoint(name);
      if (!found) return [];
      const fleets = await fleetsOf(found);
      const { MetricDataResults = [] } = await cloudwatch.send(
        new GetMetricDataCommand(
          metricsInput(
            name,
            fleets.map((f) => f.config),
            since,
            new Date(),
          ),
        ),
      );
      return fleets.map((fleet, i) => {
        const totals = fleetTotals(MetricDataResults, i);
        return {
          variant: VARIANT,
          version: fleet.version,
          requests: totals.requests,
          errors5xx: totals.errors5xx,
          errorRate: totals.requests > 0 ? totals.errors5xx / totals.requests : 0,
          latencyP99Ms: totals.latencyP99Ms,
        };
      });
    } catch (error) {
      throw translated(error, endpoint);
    }
  }

  /** The endpoint, then every config, model and alarm made for it; a missing endpoint is no error. */
  async delete(endpoint: string): Promise<void> {
    const name = sagemakerName(endpoint, "endpoint");
    try {
      const found = await describeEndpoint(name);
      if (!found) return;
      const configs = new Set([
        ...(await knownConfigs(found.EndpointArn ?? "")),
        ...(found.EndpointConfigName ? [found.EndpointConfigName] : []),
        ...(found.PendingDeploymentSummary?.EndpointConfigName
          ? [found.PendingDeploymentSummary.EndpointConfigName]
          : []),
      ]);
      await stopAutoscaling(name);
      await sagemaker.send(new DeleteEndpointCommand({ EndpointName: name }));
      for (const config of configs) await removeConfig(config);
      this.versions.forget(name);
    } catch (error) {
      throw translated(error, endpoint);
    }
  }

  async invoke(endpoint: string, request: InvokeRequest): Promise<InvokeResponse> {
    try {
      return await invokeEndpoint(sagemakerName(endpoint, "endpoint"), request, this.versions);
    } catch (error) {
      throw translated(error, endpoint);
    }
  }
}

/** A repeated deploy of a config SageMaker already serves, or is already rolling out. */
function accepted(endpoint: DescribeEndpointCommandOutput, config: string): boolean {
  return (
    (endpoint.EndpointConfigName === config && endpoint.EndpointStatus !== "Failed") ||
    endpoint.PendingDeploymentSummary?.EndpointConfigName === config
  );
}

/** A create that a retried deploy already made counts as made. */
async function created(create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (error) {
    if (!isAlreadyExisting(error)) throw error;
  }
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: stacks/ sets it on functions with endpoints access.`);
  return value;
}
