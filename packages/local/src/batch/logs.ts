import { open } from "node:fs/promises";
import { join } from "node:path";
import { VisibleError } from "@gyre/core/platform/errors";
import type { LogChunk } from "@gyre/core/platform/jobs/port";
import { finalStatuses, type JobRecord } from "./job-record";

const MAX_CHUNK_BYTES = 1024 * 1024;

export function attemptLogFile(home: string, jobId: string, attempt: number): string {
  return join(home, "batch", "logs", jobId, `${attempt}.log`);
}

/** One attempt's output (the latest by default) from `cursor` on, for `JobRunner.logs`. */
export async function jobLogs(
  home: string,
  job: JobRecord,
  options: { attempt?: number; cursor?: string },
): Promise<LogChunk> {
  const latest = job.current?.number ?? job.attempts.length;
  // As the AWS adapter answers before Batch has started an attempt.
  if (latest === 0) return { attempt: 0, lines: [], next: null };
  const attempt = options.attempt ?? latest;
  if (!Number.isInteger(attempt) || attempt < 1 || attempt > latest) {
    const message = `Job ${job.jobId} has no attempt ${attempt}; it has ${latest}.`;
    throw new VisibleError("not_found", "jobs.attempt_not_found", message);
  }
  const finished = attempt <= job.attempts.length || finalStatuses.has(job.status);
  const file = attemptLogFile(home, job.jobId, attempt);
  return { attempt, ...(await readLog(file, options.cursor, finished)) };
}

/**
 * Reads an attempt's log from byte `cursor` on, whole lines only while the attempt may still
 * write (so a follower never sees half a line). `next` is null once a finished attempt is read
 * to its end.
 */
export async function readLog(
  file: string,
  cursor: string | undefined,
  finished: boolean,
): Promise<{ lines: string[]; next: string | null }> {
  const from = offset(cursor);
  const handle = await open(file, "r").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (!handle) return { lines: [], next: finished ? null : String(from) };
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.max(0, Math.min(size - from, MAX_CHUNK_BYTES)));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, from);
    const atEnd = from + bytesRead >= size;
    const lastNewline = buffer.lastIndexOf(0x0a, bytesRead - 1);
    const keepPartial = (finished && atEnd) || (lastNewline < 0 && bytesRead === MAX_CHUNK_BYTES);
    const used = keepPartial ? bytesRead : lastNewline + 1;
    const text = buffer.subarray(0, used).toString("utf8");
    const lines = text === "" ? [] : text.replace(/\n$/, "").split("\n");
    return { lines, next: finished && atEnd ? null : String(from + used) };
  } finally {
    await handle.close();
  }
}

function offset(cursor: string | undefined): number {
  if (cursor === undefined || cursor === "") return 0;
  if (!/^\d{1,15}$/.test(cursor))
    throw new VisibleError(
      "input",
      "jobs.invalid_cursor",
      `Log cursor ${cursor} is not one this runner gave.`,
    );
  return Number(cursor);
}
