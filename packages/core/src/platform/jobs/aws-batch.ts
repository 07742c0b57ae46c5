import { createHash } from "node:crypto";
import {
  BatchClient,
  type RetryStrategy as BatchRetryStrategy,
  DescribeJobsCommand,
  type JobDetail,
  ListJobsCommand,
  RegisterJobDefinitionCommand,
  type ResourceRequirement,
  SubmitJobCommand,
  TerminateJobCommand,
} from "@aws-sdk/client-batch";
import { CloudWatchLogsClient, GetLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { VisibleError } from "../errors";
import { DEFAULT_BUCKET, runsPrefix } from "../objects/places";
import type {
  JobRunner,
  JobSpec,
  LogChunk,
  QueueName,
  ResourceRequirements,
  RetryStrategy,
  SubmittedJob,
} from "./port";

/** Where Batch's awslogs driver writes when a job definition names no group. */
export const LOG_GROUP = "/aws/batch/job";

const batch = new BatchClient({});
const logs = new CloudWatchLogsClient({});

/** `gpu-spot` → `GYRE_BATCH_QUEUE_GPU_SPOT`: stacks/ sets one per queue on functions with jobs access. */
export function queueEnv(queue: QueueName): string {
  return `GYRE_BATCH_QUEUE_${queue.toUpperCase().replace("-", "_")}`;
}

/** One job definition per image, named by it, so SubmitJob only overrides what a run changes. */
export function definitionName(image: string): string {
  return `gyre-${createHash("sha256").update(image).digest("hex").slice(0, 16)}`;
}

/**
 * The jobs port on AWS Batch. Every queue is EC2-backed (stacks/training.ts), so one EC2
 * job definition serves an image on all three. Definitions are registered once per image
 * per process: a cold start registers a new revision, which is harmless and keeps the role
 * and log settings current without DescribeJobDefinitions (which IAM cannot scope).
 */
export class AwsBatchRunner implements JobRunner {
  private readonly definitions = new Map<string, Promise<string>>();

  constructor(readonly outputPrefix = runsPrefix(DEFAULT_BUCKET)) {}

  async submit(spec: JobSpec): Promise<SubmittedJob> {
    const jobDefinition = await this.definitionFor(spec.image);
    const submitted = await batch.send(
      new SubmitJobCommand({
        jobName: spec.jobName,
        jobQueue: requiredEnv(queueEnv(spec.queue)),
        jobDefinition,
        containerOverrides: {
          command: spec.command,
          environment: Object.entries(spec.environment).map(([name, value]) => ({ name, value })),
          resourceRequirements: resourceRequirements(spec.resources),
        },
        retryStrategy: retryStrategy(spec.retryStrategy),
        timeout: { attemptDurationSeconds: spec.timeoutSeconds },
        tags: spec.tags,
        propagateTags: true,
      }),
    );
    const { jobId, jobArn, jobName } = submitted;
    if (!jobId || !jobArn || !jobName) throw new Error(`SubmitJob answered without a job id.`);
    return { jobId, jobArn, jobName };
  }

  async findByName(queue: QueueName, jobName: string): Promise<SubmittedJob | undefined> {
    const { jobSummaryList = [] } = await batch.send(
      new ListJobsCommand({
        jobQueue: requiredEnv(queueEnv(queue)),
        filters: [{ name: "JOB_NAME", values: [jobName] }],
      }),
    );
    const found = jobSummaryList.find((job) => job.jobName === jobName);
    if (!found?.jobId || !found.jobArn) return undefined;
    return { jobId: found.jobId, jobArn: found.jobArn, jobName };
  }

  async terminate(jobId: string, reason: string): Promise<void> {
    await batch.send(new TerminateJobCommand({ jobId, reason }));
  }

  async logs(
    jobId: string,
    options: { attempt?: number; cursor?: string } = {},
  ): Promise<LogChunk> {
    const { jobs = [] } = await batch.send(new DescribeJobsCommand({ jobs: [jobId] }));
    const job = jobs[0];
    if (!job)
      throw new VisibleError("not_found", "jobs.not_found", `There is no Batch job ${jobId}.`);
    const attempts = attemptsOf(job);
    if (attempts.length === 0) return { attempt: 0, lines: [], next: null };
    const attempt = options.attempt ?? attempts.length;
    const current = attempts[attempt - 1];
    if (!current) {
      throw new VisibleError(
        "not_found",
        "jobs.attempt_not_found",
        `Job ${jobId} has no attempt ${attempt}; it has ${attempts.length}.`,
      );
    }
    const waiting = { attempt, lines: [], next: current.finished ? null : (options.cursor ?? "") };
    if (!current.logStream) return waiting;
    const cursor = options.cursor || undefined;
    try {
      const page = await logs.send(
        new GetLogEventsCommand({
          logGroupName: LOG_GROUP,
          logStreamName: current.logStream,
          startFromHead: true,
          ...(cursor ? { nextToken: cursor } : {}),
        }),
      );
      const next = page.nextForwardToken ?? cursor ?? null;
      return {
        attempt,
        lines: (page.events ?? []).map((event) => event.message ?? ""),
        // CloudWatch answers the token it was given once a stream is read to its end.
        next: current.finished && next === cursor ? null : next,
      };
    } catch (error) {
      const name = (error as Error).name;
      if (name === "ResourceNotFoundException") return waiting;
      if (name === "InvalidParameterException" && cursor) {
        throw new VisibleError(
          "input",
          "jobs.invalid_cursor",
          `Log cursor ${cursor} is not one this runner gave.`,
        );
      }
      throw error;
    }
  }

  private definitionFor(image: string): Promise<string> {
    let definition = this.definitions.get(image);
    if (!definition) {
      definition = register(image);
      this.definitions.set(image, definition);
      definition.catch(() => this.definitions.delete(image));
    }
    return definition;
  }
}

async function register(image: string): Promise<string> {
  const registered = await batch.send(
    new RegisterJobDefinitionCommand({
      jobDefinitionName: definitionName(image),
      type: "container",
      platformCapabilities: ["EC2"],
      containerProperties: {
        image,
        // Each submission overrides these; no command here leaves the image's own CMD.
        resourceRequirements: [
          { type: "VCPU", value: "1" },
          { type: "MEMORY", value: "2048" },
        ],
        jobRoleArn: requiredEnv("GYRE_BATCH_JOB_ROLE_ARN"),
        logConfiguration: { logDriver: "awslogs" },
      },
    }),
  );
  if (!registered.jobDefinitionArn)
    throw new Error(`RegisterJobDefinition answered without an ARN.`);
  return registered.jobDefinitionArn;
}

/** EC2 compute environments take whole vCPUs, so a fractional request is rounded up. */
function resourceRequirements({
  vcpus,
  memoryMiB,
  gpus,
}: ResourceRequirements): ResourceRequirement[] {
  return [
    { type: "VCPU", value: String(Math.max(1, Math.ceil(vcpus))) },
    { type: "MEMORY", value: String(memoryMiB) },
    ...(gpus > 0 ? [{ type: "GPU" as const, value: String(gpus) }] : []),
  ];
}

/** Batch reads `action` in any case; the SDK's type wants it upper-case. */
function retryStrategy(strategy: RetryStrategy): BatchRetryStrategy {
  return {
    attempts: strategy.attempts,
    ...(strategy.evaluateOnExit
      ? {
          evaluateOnExit: strategy.evaluateOnExit.map((rule) => ({
            ...rule,
            action: rule.action.toUpperCase() as "RETRY" | "EXIT",
          })),
        }
      : {}),
  };
}

interface AttemptLog {
  logStream: string | undefined;
  finished: boolean;
}

/** Finished attempts from `attempts`; the one under way (or about to be) from the job itself. */
function attemptsOf(job: JobDetail): AttemptLog[] {
  const done = (job.attempts ?? []).map((a) => ({
    logStream: a.container?.logStreamName,
    finished: true,
  }));
  if (job.status === "SUCCEEDED" || job.status === "FAILED") return done;
  return [...done, { logStream: job.container?.logStreamName, finished: false }];
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: stacks/ sets it on functions with jobs access.`);
  return value;
}
