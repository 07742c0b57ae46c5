/**
 * The schedules port: a recurring schedule per name that calls the service's declared
 * schedule handler with `{pipeline: name, scheduledTime}`. `sync` sets it to `expression`
 * (an EventBridge Scheduler rate(...) or cron(...) in UTC), or removes it when there is none.
 * Locally one setTimeout per name, kept across restarts; on AWS, EventBridge Scheduler.
 */
export interface RecurringSchedules {
  sync(name: string, expression: string | undefined): Promise<void>;
}
