import type { JobSpec } from "@gyre/core/platform/jobs/port";

export interface AttemptContext {
  jobId: string;
  attempt: number;
  gpus: number[];
  region: string;
  /** The embedded S3, when jobs should reach it instead of AWS. */
  s3Endpoint?: string;
}

/**
 * The attempt's environment: this process's, plus what a standard AWS SDK needs to reach the
 * embedded S3 unchanged, then the job's own contract, then what Batch itself sets in a container
 * (AWS_BATCH_*) and the GPUs this attempt was given.
 */
export function attemptEnvironment(
  spec: JobSpec,
  context: AttemptContext,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  return {
    ...base,
    ...(context.s3Endpoint ? { AWS_ENDPOINT_URL_S3: context.s3Endpoint } : {}),
    AWS_ACCESS_KEY_ID: base.AWS_ACCESS_KEY_ID ?? "gyre-local",
    AWS_SECRET_ACCESS_KEY: base.AWS_SECRET_ACCESS_KEY ?? "gyre-local",
    AWS_REGION: context.region,
    // boto3 reads the region from here, the JavaScript SDK from AWS_REGION.
    AWS_DEFAULT_REGION: context.region,
    ...spec.environment,
    AWS_BATCH_JOB_ID: context.jobId,
    AWS_BATCH_JOB_ATTEMPT: String(context.attempt),
    AWS_BATCH_JQ_NAME: `gyre-${spec.queue}`,
    AWS_BATCH_CE_NAME: "gyre-local",
    CUDA_VISIBLE_DEVICES: context.gpus.join(","),
  };
}
