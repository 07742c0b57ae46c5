import { awsEventLog } from "../bus/aws-event-log";
import type { AwsAdapter } from "./adapter";

export const events: AwsAdapter<"events"> = (platform) => awsEventLog(platform.state);
