import { describe, expect, it } from "vitest";
import type { LogChunk } from "../platform/jobs/port";
import { lastErrorLine, MAX_REASON_CHARS, trainerReason } from "./trainer-reason";

describe("the trainer's reason for a failed run", () => {
  it("is the last line that reports an error, not the last line", () => {
    const log = ["[train] read 5000 rows", '[train] failed: no column "churned"', "cleaning up"];
    expect(lastErrorLine(log)).toBe('[train] failed: no column "churned"');
  });

  it("finds Node's and Python's uncaught errors, skipping their stack frames", () => {
    const node = [
      "file:///t.mjs:3",
      "throw new Error('x')",
      "",
      "Error: bad input",
      "    at main (t.mjs:3:7)",
      "",
      "Node.js v20",
    ];
    expect(lastErrorLine(node)).toBe("Error: bad input");
    const python = [
      "Traceback (most recent call last):",
      '  File "train.py", line 3, in <module>',
      "KeyError: 'churned'",
    ];
    expect(lastErrorLine(python)).toBe("KeyError: 'churned'");
  });

  it("is nothing when the trainer said nothing about an error, and is cut to ~300 characters", () => {
    expect(lastErrorLine(["[train] read 5000 rows", "bye"])).toBeUndefined();
    const long = lastErrorLine([`error: ${"x".repeat(1000)}`]) ?? "";
    expect(long).toHaveLength(MAX_REASON_CHARS);
    expect(long.endsWith("…")).toBe(true);
  });

  it("reads the attempt's log page by page through the jobs port, and gives up quietly if it cannot", async () => {
    const pages: Record<string, LogChunk> = {
      "": { attempt: 2, lines: ["error: first"], next: "a" },
      a: { attempt: 2, lines: ["[train] failed: second", "ok"], next: null },
    };
    const calls: unknown[] = [];
    const jobs = {
      logs: async (jobId: string, options?: { attempt?: number; cursor?: string }) => {
        calls.push([jobId, options]);
        return pages[options?.cursor ?? ""] as LogChunk;
      },
    };
    expect(await trainerReason(jobs, "job-1", 2)).toBe("[train] failed: second");
    expect(calls).toEqual([
      ["job-1", { attempt: 2, cursor: undefined }],
      ["job-1", { attempt: 2, cursor: "a" }],
    ]);
    const broken = { logs: () => Promise.reject(new Error("AccessDenied")) };
    expect(await trainerReason(broken, "job-1", 1)).toBeUndefined();
  });
});
