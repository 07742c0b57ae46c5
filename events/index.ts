import * as AwsBatch from "./aws-batch";
import * as AwsS3 from "./aws-s3";
import * as AwsSageMaker from "./aws-sagemaker";
import * as Datasets from "./datasets";
import * as Deployment from "./deployment";
import * as Monitoring from "./monitoring";
import * as Registry from "./registry";
import * as Training from "./training";

export * from "./define";
export { AwsBatch, AwsS3, AwsSageMaker, Datasets, Deployment, Monitoring, Registry, Training };
