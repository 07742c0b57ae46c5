import { ulid } from "ulid";

/** A sortable, prefixed id (`run_01J...`), so a log line tells what it names. */
export function newId(prefix: string): string {
  return `${prefix}_${ulid()}`;
}
