import { AwsBatchRunner } from "../jobs/aws-batch";
import type { AwsAdapter } from "./adapter";

export const jobs: AwsAdapter<"jobs"> = (_, env) =>
  new AwsBatchRunner(`s3://${env.GYRE_BUCKET ?? "gyre-data"}/runs/`);
