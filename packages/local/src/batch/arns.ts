import { randomBytes } from "node:crypto";
import type { QueueName } from "@gyre/core/platform/jobs/port";

export interface AwsPlace {
  account: string;
  region: string;
}

export const jobDefinitionName = "gyre-local";

export function jobArn(place: AwsPlace, jobId: string): string {
  return `arn:aws:batch:${place.region}:${place.account}:job/${jobId}`;
}

export function jobQueueArn(place: AwsPlace, queue: QueueName): string {
  return `arn:aws:batch:${place.region}:${place.account}:job-queue/gyre-${queue}`;
}

export function jobDefinitionArn(place: AwsPlace): string {
  return `arn:aws:batch:${place.region}:${place.account}:job-definition/${jobDefinitionName}:1`;
}

/** This machine, named the way Batch names the EC2 host that runs an attempt. */
export function newInstanceId(): string {
  return `i-${randomBytes(9).toString("hex").slice(0, 17)}`;
}

/** One ECS-style task per attempt: its ARN and the CloudWatch-style log stream it would write to. */
export function newTask(place: AwsPlace): { taskArn: string; logStreamName: string } {
  const taskId = randomBytes(16).toString("hex");
  return {
    taskArn: `arn:aws:ecs:${place.region}:${place.account}:task/gyre-local/${taskId}`,
    logStreamName: `${jobDefinitionName}/default/${taskId}`,
  };
}

export function containerInstanceArn(place: AwsPlace, instanceId: string): string {
  return `arn:aws:ecs:${place.region}:${place.account}:container-instance/gyre-local/${instanceId}`;
}
