import type { JobRunner } from "../platform/jobs/port";

/** What Batch says (on AWS and locally) when the trainer itself exited non-zero. */
export const CONTAINER_EXITED = "Essential container in task exited";

export const MAX_REASON_CHARS = 300;

/** Enough pages for any trainer's log that a person would read; a longer one is not scanned to the end. */
const MAX_PAGES = 20;

// "[train] failed: ...", "Error: ...", "ValueError: ...", "FATAL: ..."; not stack frames.
const MARKED = /^\s*(\[[^\]]*\]\s*)?(error|failed|fatal)\b/i;
const MENTIONS = /error|failed/i;
const FRAME = /^\s+(at\s|File\s")/;

/** The log's last line that reports an error, trimmed and cut to MAX_REASON_CHARS. */
export function lastErrorLine(lines: string[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = (lines[i] ?? "").trim();
    if (!line || FRAME.test(lines[i] ?? "")) continue;
    if (MARKED.test(line) || MENTIONS.test(line)) return truncate(line);
  }
  return undefined;
}

/**
 * Why the trainer says it failed: the last error line of the attempt's log, read through the
 * jobs port (CloudWatch on AWS, the attempt's log file locally). Undefined when it said nothing
 * usable or the log cannot be read: then Batch's own reason stands.
 */
export async function trainerReason(
  jobs: Pick<JobRunner, "logs">,
  jobId: string,
  attempt: number,
): Promise<string | undefined> {
  let found: string | undefined;
  let cursor: string | undefined;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const chunk = await jobs.logs(jobId, { attempt, cursor });
      found = lastErrorLine(chunk.lines) ?? found;
      if (chunk.next === null || chunk.lines.length === 0) break;
      cursor = chunk.next;
    }
  } catch {
    // An unreadable log must not keep the run from finishing.
  }
  return found;
}

function truncate(line: string): string {
  return line.length <= MAX_REASON_CHARS ? line : `${line.slice(0, MAX_REASON_CHARS - 1)}…`;
}
