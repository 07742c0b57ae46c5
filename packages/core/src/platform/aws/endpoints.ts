import { AwsSageMakerHost } from "../endpoints/aws-sagemaker";
import type { AwsAdapter } from "./adapter";

export const endpoints: AwsAdapter<"endpoints"> = () => new AwsSageMakerHost();
