import { AwsBatchRunner } from "../jobs/aws-batch";
import type { AwsAdapter } from "./adapter";

export const jobs: AwsAdapter<"jobs"> = () => new AwsBatchRunner();
