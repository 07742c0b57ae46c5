import { DynamoTokenStore } from "../auth/dynamo-token-store";
import type { AwsAdapter } from "./adapter";

export const tokens: AwsAdapter<"tokens"> = (platform) => new DynamoTokenStore(platform.state);
