import { DeleteAlarmsCommand, DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import {
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointCommand,
  type DescribeEndpointCommandOutput,
  DescribeEndpointConfigCommand,
  type DescribeEndpointConfigCommandOutput,
  ListTagsCommand,
  type ProductionVariantSummary,
} from "@aws-sdk/client-sagemaker";
import { cloudwatch, sagemaker } from "./aws-clients";
import type { EndpointState } from "./port";
import { isNotFound } from "./sagemaker-errors";
import { VARIANT, versionOfModel } from "./sagemaker-names";
import { CONFIGS_TAG } from "./sagemaker-requests";

/** One endpoint config's fleet: the serving one, and during a blue/green update the new one. */
export interface Fleet {
  config: string;
  version: number;
  variants: EndpointState["variants"];
}

/** Endpoint configs never change, so each is described once per process. */
const configs = new Map<string, Promise<DescribeEndpointConfigCommandOutput | undefined>>();

export async function describeEndpoint(
  name: string,
): Promise<DescribeEndpointCommandOutput | undefined> {
  try {
    return await sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }));
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export function describeConfig(
  name: string,
): Promise<DescribeEndpointConfigCommandOutput | undefined> {
  let described = configs.get(name);
  if (!described) {
    described = sagemaker
      .send(new DescribeEndpointConfigCommand({ EndpointConfigName: name }))
      .catch((error) => {
        if (isNotFound(error)) return undefined;
        throw error;
      });
    configs.set(name, described);
    described.then(
      (found) => found ?? configs.delete(name),
      () => configs.delete(name),
    );
  }
  return described;
}

/** The versions come from the model names in each fleet's config (`gyre-churn-v3-...`). */
export async function fleetsOf(endpoint: DescribeEndpointCommandOutput): Promise<Fleet[]> {
  const pending = endpoint.PendingDeploymentSummary;
  const fleets: { config: string; variants: ProductionVariantSummary[] }[] = [
    { config: endpoint.EndpointConfigName ?? "", variants: endpoint.ProductionVariants ?? [] },
    ...(pending?.EndpointConfigName
      ? [{ config: pending.EndpointConfigName, variants: pending.ProductionVariants ?? [] }]
      : []),
  ];
  return Promise.all(
    fleets.map(async ({ config, variants }) => {
      const described = await describeConfig(config);
      const versions = new Map(
        (described?.ProductionVariants ?? []).map((v) => [
          v.VariantName,
          versionOfModel(v.ModelName ?? "") ?? 0,
        ]),
      );
      return {
        config,
        version: versions.get(VARIANT) ?? 0,
        variants: variants.map((v) => ({
          name: v.VariantName ?? VARIANT,
          version: versions.get(v.VariantName ?? VARIANT) ?? 0,
          weight: v.CurrentWeight ?? v.DesiredWeight ?? 0,
          instanceCount: v.CurrentInstanceCount ?? v.DesiredInstanceCount ?? 0,
        })),
      };
    }),
  );
}

/** The configs the endpoint's `gyre:configs` tag lists. */
export async function knownConfigs(endpointArn: string): Promise<string[]> {
  const { Tags = [] } = await sagemaker.send(new ListTagsCommand({ ResourceArn: endpointArn }));
  const listed = Tags.find((tag) => tag.Key === CONFIGS_TAG)?.Value ?? "";
  return listed.split(" ").filter(Boolean);
}

/** A config nothing serves any more, with its model and its alarms; what is gone already is skipped. */
export async function removeConfig(config: string): Promise<void> {
  const described = await describeConfig(config);
  await ignoringMissing(() =>
    sagemaker.send(new DeleteEndpointConfigCommand({ EndpointConfigName: config })),
  );
  for (const { ModelName } of described?.ProductionVariants ?? []) {
    if (ModelName) {
      await ignoringMissing(() => sagemaker.send(new DeleteModelCommand({ ModelName })));
    }
  }
  const alarms = await alarmsOf(config);
  for (let i = 0; i < alarms.length; i += 100) {
    await cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: alarms.slice(i, i + 100) }));
  }
  configs.delete(config);
}

async function alarmsOf(config: string): Promise<string[]> {
  const names: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await cloudwatch.send(
      new DescribeAlarmsCommand({
        AlarmNamePrefix: `${config}/`,
        ...(NextToken ? { NextToken } : {}),
      }),
    );
    names.push(...(page.MetricAlarms ?? []).flatMap((a) => (a.AlarmName ? [a.AlarmName] : [])));
    NextToken = page.NextToken;
  } while (NextToken);
  return names;
}

async function ignoringMissing(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}
