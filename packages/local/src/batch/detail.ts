import type { ResourceRequirements } from "@gyre/core/platform/jobs/port";
import { finalStatuses, type JobRecord, type StateChangeDetail } from "./job-record";

/** The job as Batch's DescribeJobs would show it, which is what a `Batch Job State Change` carries. */
export function stateChangeDetail(job: JobRecord): StateChangeDetail {
  const { spec } = job;
  return {
    jobArn: job.jobArn,
    jobName: job.jobName,
    jobId: job.jobId,
    jobQueue: job.jobQueue,
    status: job.status,
    ...(job.statusReason ? { statusReason: job.statusReason } : {}),
    attempts: structuredClone(job.attempts),
    createdAt: job.createdAt,
    ...(job.startedAt !== undefined ? { startedAt: job.startedAt } : {}),
    ...(job.stoppedAt !== undefined ? { stoppedAt: job.stoppedAt } : {}),
    retryStrategy: structuredClone(spec.retryStrategy),
    dependsOn: [],
    jobDefinition: job.jobDefinition,
    parameters: {},
    container: container(job),
    ...(spec.timeoutSeconds > 0
      ? { timeout: { attemptDurationSeconds: spec.timeoutSeconds } }
      : {}),
    tags: { ...spec.tags },
    // As the AWS adapter submits (jobs/aws-batch.ts).
    propagateTags: true,
    platformCapabilities: ["EC2"],
  };
}

function container(job: JobRecord): Record<string, unknown> {
  const { spec, current } = job;
  const last = finalStatuses.has(job.status) ? job.attempts.at(-1)?.container : undefined;
  return {
    image: spec.image,
    command: [...spec.command],
    volumes: [],
    environment: Object.entries(spec.environment).map(([name, value]) => ({ name, value })),
    mountPoints: [],
    ulimits: [],
    networkInterfaces: [],
    resourceRequirements: resourceRequirements(spec.resources),
    secrets: [],
    ...(current && {
      containerInstanceArn: current.containerInstanceArn,
      taskArn: current.taskArn,
      // Batch names the log stream once the container runs.
      ...(current.startedAt !== undefined && { logStreamName: current.logStreamName }),
    }),
    ...last,
  };
}

function resourceRequirements({ vcpus, memoryMiB, gpus }: ResourceRequirements) {
  return [
    { type: "VCPU", value: String(vcpus) },
    { type: "MEMORY", value: String(memoryMiB) },
    ...(gpus > 0 ? [{ type: "GPU", value: String(gpus) }] : []),
  ];
}
