import * as AwsBatch from "./aws-batch";
import * as AwsS3 from "./aws-s3";
import * as AwsSageMaker from "./aws-sagemaker";
import * as Datasets from "./datasets";
import type { EventDefinition } from "./define";
import * as Deployment from "./deployment";
import * as Monitoring from "./monitoring";
import * as Registry from "./registry";
import * as Training from "./training";

// Apart from index.ts, so that importing one producer's events does not build every schema:
// a Lambda bundle then holds, and its init builds, only the events its code names.

export interface Producer {
  name: string;
  source: string;
  events: EventDefinition[];
}

function producer(name: string, module: Record<string, unknown> & { source: string }): Producer {
  const events = Object.values(module)
    .filter(isEventDefinition)
    .sort((a, b) => a.detailType.localeCompare(b.detailType));
  return { name, source: module.source, events };
}

function isEventDefinition(value: unknown): value is EventDefinition {
  return (
    typeof value === "object" && value !== null && "detailType" in value && "envelope" in value
  );
}

export const producers: Producer[] = [
  producer("datasets", Datasets),
  producer("training", Training),
  producer("registry", Registry),
  producer("deployment", Deployment),
  producer("monitoring", Monitoring),
  producer("Amazon S3", AwsS3),
  producer("AWS Batch", AwsBatch),
  producer("Amazon SageMaker", AwsSageMaker),
];

export const catalog: EventDefinition[] = producers.flatMap((p) => p.events);
