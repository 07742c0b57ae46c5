import type { JobSpec } from "@gyre/core/platform/jobs/port";

/** A job whose local command is `node -e script`. */
export function nodeJob(script: string, overrides: Partial<JobSpec> = {}): JobSpec {
  return {
    jobName: "train-churn",
    queue: "cpu",
    image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/trainer:1",
    command: ["python", "train.py"],
    resources: { vcpus: 1, memoryMiB: 512, gpus: 0 },
    environment: { GYRE_RUN_ID: "run_1" },
    retryStrategy: { attempts: 1 },
    timeoutSeconds: 0,
    tags: { "gyre:run": "run_1" },
    local: { command: [process.execPath, "-e", script] },
    ...overrides,
  };
}

export const scripts = {
  sleep: "setInterval(() => {}, 1000)",
  exit: (code: number) => `process.exit(${code})`,
  /** Runs until the file exists, then exits 0. */
  gated: (path: string) =>
    `setInterval(() => { if (require("fs").existsSync(${JSON.stringify(path)})) process.exit(0) }, 20)`,
};

/** Spot interruptions are retried, anything else is not: the policy the brief's pipelines use. */
export const spotRetry = {
  attempts: 3,
  evaluateOnExit: [
    { onStatusReason: "Host EC2*", action: "RETRY" as const },
    { onReason: "*", action: "EXIT" as const },
  ],
};
