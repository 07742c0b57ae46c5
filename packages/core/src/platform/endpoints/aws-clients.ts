import { ApplicationAutoScalingClient } from "@aws-sdk/client-application-auto-scaling";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";

/** Created once per Lambda process, as the adapters of the other ports do. */
export const sagemaker = new SageMakerClient({});
export const runtime = new SageMakerRuntimeClient({});
export const cloudwatch = new CloudWatchClient({});
export const autoscaling = new ApplicationAutoScalingClient({});
