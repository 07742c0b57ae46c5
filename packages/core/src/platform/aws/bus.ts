import { EventBridgePublisher } from "../bus/aws-bus";
import type { AwsAdapter } from "./adapter";

export const bus: AwsAdapter<"bus"> = () => new EventBridgePublisher();
