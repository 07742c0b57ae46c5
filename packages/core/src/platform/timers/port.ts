/**
 * The timers port: calls the service's declared timer handler back with `{runId: id}` at
 * `when` (a setTimeout locally, kept across restarts; a one-time EventBridge Scheduler
 * schedule on AWS). A later `at` for the same id moves it.
 */
export interface Timer {
  at(when: Date, id: string): Promise<void>;
}
