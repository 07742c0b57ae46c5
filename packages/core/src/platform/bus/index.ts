export { type ArchiveQuery, DynamoArchive, DynamoDeadLetters } from "./dynamo-stores";
export { entrySize } from "./entry-size";
export { formatTime } from "./envelope";
export { type EventLog, localEventLog } from "./event-log";
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
