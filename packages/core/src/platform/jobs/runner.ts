import type { JobRunner } from "./port";

let current: JobRunner | undefined;

/** The local runtime hands its Batch-compatible runner here; on AWS the default is AWS Batch. */
export function useJobRunner(runner: JobRunner): void {
  current = runner;
}

export async function jobRunner(): Promise<JobRunner> {
  if (!current) {
    const { AwsBatchRunner } = await import("./aws-batch");
    current = new AwsBatchRunner();
  }
  return current;
}
