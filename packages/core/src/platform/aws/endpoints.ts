import { AwsSageMakerHost } from "../endpoints/aws-sagemaker";
import type { AwsAdapter } from "./adapter";

export const endpoints: AwsAdapter<"endpoints"> = (_, env) =>
  new AwsSageMakerHost(undefined, `s3://${env.GYRE_BUCKET ?? "gyre-data"}/capture`);
