import { DynamoDeadLetters } from "../bus/dynamo-stores";
import type { AwsAdapter } from "./adapter";

export const deadLetters: AwsAdapter<"deadLetters"> = (platform) =>
  new DynamoDeadLetters(platform.state);
