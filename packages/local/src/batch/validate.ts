import { VisibleError } from "@gyre/core/platform/errors";
import type { JobSpec } from "@gyre/core/platform/jobs/port";
import { RetryStrategy } from "@gyre/events/aws-batch";

const queues = new Set(["gpu-spot", "gpu-ondemand", "cpu"]);

/** Refuses what SubmitJob would refuse (a ClientException on AWS), so a bad spec fails the same way locally. */
export function validateSpec(spec: JobSpec): void {
  const problem = specProblem(spec);
  if (problem) throw new VisibleError("input", "jobs.invalid_spec", problem);
}

function specProblem(spec: JobSpec): string | undefined {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/.test(spec.jobName))
    return `jobName ${JSON.stringify(spec.jobName)} must be 1-128 letters, digits, '-' or '_', starting with a letter or digit.`;
  if (!queues.has(spec.queue))
    return `queue ${spec.queue} is not one of gpu-ondemand, gpu-spot, cpu.`;
  const { vcpus, memoryMiB, gpus } = spec.resources;
  if (!(vcpus > 0)) return `resources.vcpus must be above 0 (got ${vcpus}).`;
  if (!(memoryMiB > 0)) return `resources.memoryMiB must be above 0 (got ${memoryMiB}).`;
  if (!Number.isInteger(gpus) || gpus < 0)
    return `resources.gpus must be a whole number, 0 or more (got ${gpus}).`;
  if ((spec.local?.command ?? spec.command).length === 0)
    return "The job has no command to run (local.command or command).";
  if (!(spec.timeoutSeconds >= 0)) return `timeoutSeconds must be 0 (none) or more.`;
  const retry = RetryStrategy.safeParse(spec.retryStrategy);
  if (!retry.success) return `retryStrategy is not valid: ${retry.error.issues[0]?.message}`;
  return undefined;
}
