export * from "./dead-letter-queues";
export {
  type DeliverySchedule,
  type SeededScheduleOptions,
  seededSchedule,
} from "./delivery-schedule";
export { type ArchiveQuery, DynamoArchive, DynamoDeadLetters } from "./dynamo-stores";
export { entrySize } from "./entry-size";
export { formatTime } from "./envelope";
export { type EventLog, localEventLog } from "./event-log";
export {
  type BacklogNote,
  type EventStream,
  followEvents,
  type LiveStream,
  MAX_BACKLOG,
  patternOf,
  type ResumePoint,
  type StreamFilters,
} from "./event-stream";
export {
  LocalBus,
  type LocalBusOptions,
  MAX_ENTRIES_PER_CALL,
  MAX_ENTRY_BYTES,
  type ReplayRequest,
  type Rule,
  type Target,
} from "./local-bus";
export { localRetryPolicy, type RetryPolicy } from "./retry";
export * from "./stores";
