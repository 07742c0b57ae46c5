import { BatchClient, DescribeJobsCommand } from "@aws-sdk/client-batch";
import { CloudWatchLogsClient, GetLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { mockClient } from "aws-sdk-client-mock";
import { describe, expect, it } from "vitest";
import { AwsBatchRunner } from "../platform/jobs/aws-batch";
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

  it("on AWS, is read from the failed attempt's CloudWatch stream", async () => {
    const batch = mockClient(BatchClient);
    const logs = mockClient(CloudWatchLogsClient);
    try {
      const attempt = { container: { logStreamName: "gyre/default/task-1", exitCode: 1 } };
      batch.on(DescribeJobsCommand).resolves({
        jobs: [
          {
            ...{ jobId: "job-1", jobName: "j", jobQueue: "q", jobDefinition: "d", startedAt: 1 },
            status: "FAILED",
            attempts: [attempt],
          },
        ],
      });
      logs
        .on(GetLogEventsCommand)
        .resolvesOnce({
          events: [
            { message: "[train] read 10 rows" },
            { message: '[train] failed: no column "churned"' },
          ],
          nextForwardToken: "f/2",
        })
        .resolvesOnce({ events: [], nextForwardToken: "f/2" });
      expect(await trainerReason(new AwsBatchRunner(), "job-1", 1)).toBe(
        '[train] failed: no column "churned"',
      );
      expect(logs.commandCalls(GetLogEventsCommand)[0]?.args[0].input).toMatchObject({
        logGroupName: "/aws/batch/job",
        logStreamName: "gyre/default/task-1",
      });
    } finally {
      batch.restore();
      logs.restore();
    }
  });
});
