import type { QueueName } from "@gyre/core/platform/jobs/port";
import { training as trainingService } from "../functions/training/service";
import type { JobTargets, ScheduleTargets, TimerTargets } from "./access";
import type { GyreBucket } from "./bucket";
import { forwardToBus, type GyreBus } from "./bus";
import { type DeployedFunction, type FunctionContext, makeFunction } from "./functions";
import { arn, assumedBy } from "./iam";

/** Where Batch launches its instances. */
export interface BatchNetwork {
  /** Defaults to the default subnets of the account's default VPC. */
  subnets?: string[];
  /** Defaults to a new group in the subnets' VPC that lets nothing in and everything out. */
  securityGroups?: string[];
}

/** Instance families with NVIDIA GPUs (T4, A10G, L4) that Batch's GPU AMI supports. */
export const GPU_FAMILIES = ["g4dn", "g5", "g6"];
export const CPU_FAMILIES = ["m6i", "c6i", "m7i", "c7i"];
/** Ceilings only: every environment scales to zero when no job is runnable. */
export const MAX_VCPUS = { gpuSpot: 256, gpuOnDemand: 64, cpu: 256 };

/** What stacks/ sets as the run-due function's own GYRE_RUN_DUE_FUNCTION_ARN (see aws-timer.ts). */
export const RUN_DUE_SELF = "self";

interface Capacity {
  type: "SPOT" | "EC2";
  allocationStrategy: "SPOT_CAPACITY_OPTIMIZED" | "BEST_FIT_PROGRESSIVE";
  families: string[];
  maxVcpus: number;
  /** The ECS-optimized Amazon Linux 2023 AMI, with NVIDIA drivers for the GPU families. */
  imageType: "ECS_AL2023" | "ECS_AL2023_NVIDIA";
}

export interface GyreTraining {
  computeEnvironments: Record<"gpuSpot" | "gpuOnDemand" | "cpu", aws.batch.ComputeEnvironment>;
  queues: Record<QueueName, aws.batch.JobQueue>;
  jobRole: aws.iam.Role;
  schedulerRole: aws.iam.Role;
  /** The role pipeline schedules invoke schedule-fired as. */
  pipelineSchedulerRole: aws.iam.Role;
  batchEvents: aws.cloudwatch.EventRule;
  jobs: JobTargets;
  /** Without run-due itself, which gyreRunDue() makes. */
  timer: Omit<TimerTargets, "runDue">;
  /** Without schedule-fired itself, which gyreScheduleFired() makes. */
  schedules: Omit<ScheduleTargets, "scheduleFired">;
}

/**
 * The training service's AWS side: three Batch compute environments that scale to zero, the
 * job queues over them (`gyre-gpu-spot` falls back to the on-demand GPUs), the roles jobs and
 * instances run as, the Scheduler role for debounce timers, and a default-bus rule bringing
 * Batch's `Batch Job State Change` events for Gyre's queues onto the Gyre bus.
 */
export function gyreTraining(
  gyre: GyreBus,
  data: GyreBucket,
  network: BatchNetwork = {},
): GyreTraining {
  const { subnets, securityGroups } = batchNetwork(network);
  const instanceProfile = ecsInstanceProfile();
  const environment = (name: string, capacity: Capacity) =>
    new aws.batch.ComputeEnvironment(
      name,
      {
        // No serviceRole: Batch uses its service-linked role, AWSServiceRoleForBatch.
        type: "MANAGED",
        computeResources: {
          type: capacity.type,
          allocationStrategy: capacity.allocationStrategy,
          instanceTypes: capacity.families,
          minVcpus: 0,
          maxVcpus: capacity.maxVcpus,
          subnets,
          securityGroupIds: securityGroups,
          instanceRole: instanceProfile.profile.arn,
          ec2Configurations: [{ imageType: capacity.imageType }],
        },
      },
      { dependsOn: [instanceProfile.policy] },
    );
  const computeEnvironments = {
    gpuSpot: environment("GyreGpuSpot", {
      type: "SPOT",
      allocationStrategy: "SPOT_CAPACITY_OPTIMIZED",
      families: GPU_FAMILIES,
      maxVcpus: MAX_VCPUS.gpuSpot,
      imageType: "ECS_AL2023_NVIDIA",
    }),
    gpuOnDemand: environment("GyreGpuOnDemand", {
      type: "EC2",
      allocationStrategy: "BEST_FIT_PROGRESSIVE",
      families: GPU_FAMILIES,
      maxVcpus: MAX_VCPUS.gpuOnDemand,
      imageType: "ECS_AL2023_NVIDIA",
    }),
    cpu: environment("GyreCpu", {
      type: "EC2",
      allocationStrategy: "BEST_FIT_PROGRESSIVE",
      families: CPU_FAMILIES,
      maxVcpus: MAX_VCPUS.cpu,
      imageType: "ECS_AL2023",
    }),
  };
  const queue = (name: string, priority: number, order: aws.batch.ComputeEnvironment[]) =>
    new aws.batch.JobQueue(name, {
      state: "ENABLED",
      priority,
      computeEnvironmentOrders: order.map((ce, i) => ({
        computeEnvironment: ce.arn,
        order: i + 1,
      })),
    });
  const queues: Record<QueueName, aws.batch.JobQueue> = {
    "gpu-spot": queue("gyre-gpu-spot", 1, [
      computeEnvironments.gpuSpot,
      computeEnvironments.gpuOnDemand,
    ]),
    // Ahead of spot jobs that spilled over onto the on-demand GPUs.
    "gpu-ondemand": queue("gyre-gpu-ondemand", 10, [computeEnvironments.gpuOnDemand]),
    cpu: queue("gyre-cpu", 1, [computeEnvironments.cpu]),
  };
  const queueArns = Object.values(queues).map((q) => q.arn);
  const batchEvents = forwardToBus("GyreBatchEvents", gyre.bus, {
    source: ["aws.batch"],
    "detail-type": ["Batch Job State Change"],
    detail: { jobQueue: queueArns },
  });

  const jobRole = new aws.iam.Role("GyreBatchJobRole", {
    assumeRolePolicy: assumedBy("ecs-tasks.amazonaws.com", { thisAccountOnly: true }),
  });
  new aws.iam.RolePolicy("GyreBatchJobData", {
    role: jobRole.id,
    policy: $util.jsonStringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: $util.interpolate`${data.bucket.arn}/*`,
        },
        { Effect: "Allow", Action: "s3:ListBucket", Resource: data.bucket.arn },
        {
          // A job writes only its own output: GYRE_OUTPUT_URI is s3://<bucket>/runs/<run>/.
          Effect: "Allow",
          Action: ["s3:PutObject", "s3:AbortMultipartUpload"],
          Resource: $util.interpolate`${data.bucket.arn}/runs/*`,
        },
      ],
    }),
  });
  const schedulerRole = new aws.iam.Role("GyreRunDueScheduler", {
    assumeRolePolicy: assumedBy("scheduler.amazonaws.com", { thisAccountOnly: true }),
  });
  const pipelineSchedulerRole = new aws.iam.Role("GyrePipelineScheduler", {
    assumeRolePolicy: assumedBy("scheduler.amazonaws.com", { thisAccountOnly: true }),
  });

  return {
    computeEnvironments,
    queues,
    jobRole,
    schedulerRole,
    pipelineSchedulerRole,
    batchEvents,
    jobs: {
      queues: {
        "gpu-spot": queues["gpu-spot"].arn,
        "gpu-ondemand": queues["gpu-ondemand"].arn,
        cpu: queues.cpu.arn,
      },
      jobRole: jobRole.arn,
      jobDefinitions: arn("batch", "job-definition/gyre-*"),
      jobs: arn("batch", "job/*"),
      logStreams: arn("logs", "log-group:/aws/batch/job:log-stream:*"),
    },
    timer: { schedules: arn("scheduler", "schedule/default/gyre-run-*"), role: schedulerRole.arn },
    schedules: {
      schedules: arn("scheduler", "schedule/default/gyre-pipeline-*"),
      role: pipelineSchedulerRole.arn,
    },
  };
}

/** The function the debounce schedules invoke, and the Scheduler role's right to invoke it. */
export function gyreRunDue(context: FunctionContext, training: GyreTraining): DeployedFunction {
  const timer = declared(trainingService.timer, "timer");
  const fn = makeFunction(
    {
      ...context,
      targets: { ...context.targets, timer: { ...training.timer, runDue: RUN_DUE_SELF } },
    },
    {
      name: "TrainingRunDue",
      service: "training",
      module: timer.handler,
      access: timer.access,
      timeoutSeconds: 60,
      invokedAsync: true,
    },
  );
  new aws.iam.RolePolicy("GyreRunDueSchedulerInvoke", {
    role: training.schedulerRole.id,
    policy: $util.jsonStringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn.arn }],
    }),
  });
  return fn;
}

/** The function pipeline schedules invoke, and the pipeline Scheduler role's right to invoke it. */
export function gyreScheduleFired(
  context: FunctionContext,
  training: GyreTraining,
): DeployedFunction {
  const schedules = declared(trainingService.schedules, "schedules");
  const fn = makeFunction(context, {
    name: "TrainingScheduleFired",
    service: "training",
    module: schedules.handler,
    access: schedules.access,
    timeoutSeconds: 60,
    invokedAsync: true,
  });
  new aws.iam.RolePolicy("GyrePipelineSchedulerInvoke", {
    role: training.pipelineSchedulerRole.id,
    policy: $util.jsonStringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn.arn }],
    }),
  });
  return fn;
}

/** GYRE_BATCH_SUBNETS and GYRE_BATCH_SECURITY_GROUPS (comma-separated ids) at deploy time. */
export function batchNetworkFromEnv(env: NodeJS.ProcessEnv = process.env): BatchNetwork {
  const ids = (value: string | undefined) =>
    value
      ?.split(",")
      .map((id) => id.trim())
      .filter(Boolean);
  const subnets = ids(env.GYRE_BATCH_SUBNETS);
  const securityGroups = ids(env.GYRE_BATCH_SECURITY_GROUPS);
  return {
    ...(subnets?.length ? { subnets } : {}),
    ...(securityGroups?.length ? { securityGroups } : {}),
  };
}

/**
 * The default VPC's default subnets (public, with public IPs, so instances reach ECR and S3
 * without a NAT gateway) unless told otherwise, and an egress-only security group.
 */
function batchNetwork(network: BatchNetwork) {
  const vpcId = network.subnets?.[0]
    ? aws.ec2.getSubnetOutput({ id: network.subnets[0] }).vpcId
    : aws.ec2.getVpcOutput({ default: true }).id;
  const subnets =
    network.subnets ??
    aws.ec2.getSubnetsOutput({
      filters: [
        { name: "vpc-id", values: [vpcId] },
        { name: "default-for-az", values: ["true"] },
      ],
    }).ids;
  const securityGroups = network.securityGroups ?? [
    new aws.ec2.SecurityGroup("GyreBatchInstances", {
      vpcId,
      description: "Gyre Batch instances: no inbound traffic, any outbound",
      egress: [
        {
          protocol: "-1",
          fromPort: 0,
          toPort: 0,
          cidrBlocks: ["0.0.0.0/0"],
          ipv6CidrBlocks: ["::/0"],
        },
      ],
    }).id,
  ];
  return { subnets, securityGroups };
}

/** The role ECS container instances run as (the ECS agent, image pulls, awslogs). */
function ecsInstanceProfile() {
  const role = new aws.iam.Role("GyreBatchInstanceRole", {
    assumeRolePolicy: assumedBy("ec2.amazonaws.com"),
  });
  const policy = new aws.iam.RolePolicyAttachment("GyreBatchInstanceEcs", {
    role: role.name,
    policyArn: $util.interpolate`arn:${aws.getPartitionOutput().partition}:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role`,
  });
  const profile = new aws.iam.InstanceProfile("GyreBatchInstanceProfile", { role: role.name });
  return { profile, policy };
}

function declared<T>(callback: T | undefined, kind: string): T {
  if (!callback) throw new Error(`functions/training/service.ts declares no ${kind}.`);
  return callback;
}
