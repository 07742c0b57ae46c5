import { awsScheduleSync } from "../schedules/aws-schedules";
import type { AwsAdapter } from "./adapter";

export const schedules: AwsAdapter<"schedules"> = () => awsScheduleSync();
