import { DynamoTokenStore } from "./auth/dynamo-token-store";
import { EventBridgePublisher } from "./bus/aws-bus";
import { awsEventLog } from "./bus/aws-event-log";
import { DynamoDeadLetters } from "./bus/dynamo-stores";
import { AwsSageMakerHost } from "./endpoints/aws-sagemaker";
import { AwsBatchRunner } from "./jobs/aws-batch";
import { createS3Client } from "./objects/s3-client";
import { lazily, type Platform } from "./platform";
import { awsScheduleSync } from "./schedules/aws-schedules";
import { createDocumentClient } from "./state/client";
import { awsRunTimer } from "./timers/aws-timer";

/** The platform inside a Lambda function: AWS's services, named by what stacks/ put in the environment. */
export function awsPlatform(env: NodeJS.ProcessEnv = process.env): Platform {
  const platform: Platform = lazily<Platform>({
    bus: () => new EventBridgePublisher(),
    state: () => createDocumentClient(),
    objects: () => ({ s3: createS3Client(), bucket: env.GYRE_BUCKET ?? "gyre-data" }),
    jobs: () => new AwsBatchRunner(),
    endpoints: () => new AwsSageMakerHost(),
    timer: () => awsRunTimer(),
    schedules: () => awsScheduleSync(),
    tokens: () => new DynamoTokenStore(platform.state),
    events: () => awsEventLog(platform.state),
    deadLetters: () => new DynamoDeadLetters(platform.state),
  });
  return platform;
}
