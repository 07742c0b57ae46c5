import { awsRunTimer } from "../timers/aws-timer";
import type { AwsAdapter } from "./adapter";

export const timer: AwsAdapter<"timer"> = () => awsRunTimer();
