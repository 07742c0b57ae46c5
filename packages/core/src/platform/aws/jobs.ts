import { AwsBatchRunner } from "../jobs/aws-batch";
import { bucketOf, runsPrefix } from "../objects/places";
import type { AwsAdapter } from "./adapter";

export const jobs: AwsAdapter<"jobs"> = (_, env) => new AwsBatchRunner(runsPrefix(bucketOf(env)));
