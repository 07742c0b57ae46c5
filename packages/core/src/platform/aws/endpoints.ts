import { AwsSageMakerHost } from "../endpoints/aws-sagemaker";
import { bucketOf, captureUri } from "../objects/places";
import type { AwsAdapter } from "./adapter";

export const endpoints: AwsAdapter<"endpoints"> = (_, env) =>
  new AwsSageMakerHost(undefined, captureUri(bucketOf(env)));
