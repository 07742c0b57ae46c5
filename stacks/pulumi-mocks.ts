import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import type { FunctionFactory, FunctionSpec } from "./functions";
import type { GyreInfrastructureOptions } from "./index";

export const root = join(import.meta.dirname, "..");
export const ACCOUNT = "123456789012";
export const REGION = "eu-west-1";

export interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

/** Installs .sst/platform offline unless it is there already (about half a minute, once per clone). */
export async function preparePlatform(): Promise<void> {
  await run(join(root, "scripts/sst-platform.sh"), []);
}

/** Type-checks sst.config.ts and stacks/ against SST's platform types; resolves to tsc's output. */
export async function typeCheckInfra(): Promise<string> {
  const tsc = join(root, "node_modules/typescript/bin/tsc");
  return run(process.execPath, [tsc, "--noEmit", "-p", join(root, "tsconfig.infra.json")]);
}

async function run(command: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, {
      cwd: root,
      maxBuffer: 64 << 20,
    });
    return stdout + stderr;
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} failed:\n${stdout}${stderr}`);
  }
}

export interface Synthesized {
  resources: Registered[];
  functions: FunctionSpec[];
}

/**
 * Runs gyreInfrastructure() under Pulumi's mocks, with Pulumi and its AWS provider loaded
 * from .sst/platform (the copies SST deploys with) as the `$util` and `aws` globals stacks/
 * uses, and a function factory that records each function's spec instead of bundling it.
 */
export async function synthesize(
  options: Omit<GyreInfrastructureOptions, "functionFactory">,
): Promise<Synthesized> {
  const functions: FunctionSpec[] = [];
  const { resources } = await underMocks(async () => {
    const { gyreInfrastructure } = await import("./index");
    gyreInfrastructure({ ...options, functionFactory: recordingFactory(functions) });
  });
  return { resources, functions };
}

/** Runs any part of stacks/ under the same mocks, for a stack that index.ts does not wire yet. */
export async function underMocks<T>(
  program: () => Promise<T>,
): Promise<{ resources: Registered[]; result: T }> {
  const require = createRequire(join(root, ".sst/platform/package.json"));
  const pulumi = require("@pulumi/pulumi") as typeof $util;
  Object.assign(globalThis, { $util: pulumi, aws: require("@pulumi/aws") });
  const resources: Registered[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: ({ type, name, inputs }) => {
        resources.push({ type, name, inputs });
        return { id: `${name}-id`, state: { ...inputs, ...computed(type, name, inputs) } };
      },
      call: ({ token, inputs }) => invoked(token, inputs),
    },
    "gyre",
    "test",
    false,
  );
  const result = await program();
  await pulumi.runtime.disconnect();
  return { resources, result };
}

/** A function factory that records each function's spec instead of bundling it. */
export function recordingFactory(into: FunctionSpec[]): FunctionFactory {
  return (spec) => {
    into.push(spec);
    const arn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${spec.name}`;
    return { arn: $util.output(arn), name: $util.output(spec.name) };
  };
}

/** The attributes AWS would compute, in AWS's formats, for the resources Gyre reads back. */
function computed(type: string, logical: string, inputs: Record<string, unknown>) {
  const name = (inputs.name as string | undefined) ?? logical;
  const arn = (service: string, resource: string) =>
    `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
  switch (type) {
    case "aws:cloudwatch/eventBus:EventBus":
      return { name, arn: arn("events", `event-bus/${name}`) };
    case "aws:cloudwatch/eventArchive:EventArchive":
      return { name, arn: arn("events", `archive/${name}`) };
    case "aws:cloudwatch/eventRule:EventRule":
      return { name, arn: arn("events", `rule/${inputs.eventBusName}/${name}`) };
    case "aws:sqs/queue:Queue":
      return {
        name,
        arn: arn("sqs", name),
        url: `https://sqs.${REGION}.example/${ACCOUNT}/${name}`,
      };
    case "aws:dynamodb/table:Table":
      return {
        name,
        arn: arn("dynamodb", `table/${name}`),
        ...(inputs.streamEnabled ? { streamArn: arn("dynamodb", `table/${name}/stream/1`) } : {}),
      };
    case "aws:s3/bucket:Bucket":
      return { bucket: name, arn: `arn:aws:s3:::${name}` };
    case "aws:apigatewayv2/api:Api":
      return {
        executionArn: arn("execute-api", `${logical}-id`),
        apiEndpoint: `https://${logical}.example`,
      };
    case "aws:iam/role:Role":
      return { name, arn: `arn:aws:iam::${ACCOUNT}:role/${name}` };
    case "aws:iam/instanceProfile:InstanceProfile":
      return { name, arn: `arn:aws:iam::${ACCOUNT}:instance-profile/${name}` };
    case "aws:batch/computeEnvironment:ComputeEnvironment":
      return { name, arn: arn("batch", `compute-environment/${name}`) };
    case "aws:batch/jobQueue:JobQueue":
      return { name, arn: arn("batch", `job-queue/${name}`) };
    case "aws:sns/topic:Topic":
      return { name, arn: arn("sns", name) };
    default:
      return {};
  }
}

/** The default VPC and its subnets, and this account, region and partition, as AWS answers. */
export const DEFAULT_VPC = { id: "vpc-default", subnets: ["subnet-default-a", "subnet-default-b"] };

function invoked(token: string, inputs: Record<string, unknown>): Record<string, unknown> {
  switch (token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/test`, userId: "AIDTEST" };
    case "aws:index/getRegion:getRegion":
      return { region: REGION, name: REGION };
    case "aws:index/getPartition:getPartition":
      return { partition: "aws", dnsSuffix: "amazonaws.com" };
    case "aws:ec2/getVpc:getVpc":
      return { ...inputs, id: DEFAULT_VPC.id };
    case "aws:ec2/getSubnets:getSubnets":
      return { ...inputs, ids: DEFAULT_VPC.subnets };
    case "aws:ec2/getSubnet:getSubnet":
      return { ...inputs, vpcId: `vpc-of-${inputs.id}` };
    default:
      return inputs;
  }
}

/** An Output's value, once Pulumi resolves it. */
export function resolved<T>(value: $util.Input<T>): Promise<$util.Unwrap<T>> {
  return new Promise((resolve) => $util.output(value).apply(resolve));
}
