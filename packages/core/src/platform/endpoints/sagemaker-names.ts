import { createHash } from "node:crypto";
import { VisibleError } from "../errors";

/** Everything Gyre creates in SageMaker starts with this: IAM grants `gyre-*` names only. */
export const PREFIX = "gyre-";
/** The one production variant; blue/green keeps its name across endpoint configs. */
export const VARIANT = "AllTraffic";
/** SageMaker's limit (63) less the prefix: the longest endpoint or config name Gyre can use. */
export const MAX_NAME = 63 - PREFIX.length;

const SAGEMAKER_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;

/** `churn` → `gyre-churn`, refusing what SageMaker would refuse. */
export function sagemakerName(name: string, what: "endpoint" | "config"): string {
  if (name.length > MAX_NAME || !SAGEMAKER_NAME.test(name)) {
    throw new VisibleError(
      "input",
      `endpoints.invalid_${what}_name`,
      `${what} name ${name} is not usable on SageMaker: at most ${MAX_NAME} letters, digits and single '-' between them.`,
    );
  }
  return `${PREFIX}${name}`;
}

/** `gyre-churn` → `churn`; a name Gyre did not make answers undefined. */
export function gyreName(sagemaker: string): string | undefined {
  return sagemaker.startsWith(PREFIX) ? sagemaker.slice(PREFIX.length) : undefined;
}

/**
 * One model per endpoint config, named for the version it serves so DescribeEndpointConfig
 * alone tells the version: `gyre-churn-v3-1a2b3c4d` (the hash is of the config's name).
 */
export function modelName(endpoint: string, version: number, config: string): string {
  const hash = createHash("sha256").update(config).digest("hex").slice(0, 8);
  return `${PREFIX}${endpoint.slice(0, 40).replace(/-+$/, "")}-v${version}-${hash}`;
}

export function versionOfModel(model: string): number | undefined {
  const match = /-v(\d+)-[0-9a-f]{8}$/.exec(model);
  return match ? Number(match[1]) : undefined;
}

/** `gyre-churn-7/error-rate`: the config's name first, so its alarms share a prefix. */
export function alarmName(config: string, rule: string): string {
  return `${config}/${rule}`.slice(0, 255);
}

/** What Application Auto Scaling calls the variant. */
export function scalableResource(endpoint: string): string {
  return `endpoint/${endpoint}/variant/${VARIANT}`;
}
