import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "@gyre/local/testing/training";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliGyre, startCliGyre } from "./gyre";
import { runCli } from "./run-cli";

let g: CliGyre;
const cli = (...args: string[]) => runCli(args, { env: g.env, timeoutMs: 30_000 });
const count = (text: string, part: string) => text.split(part).length - 1;

/** Pipelines on dataset `tiny`, started only by hand: one slow enough to be watched, one that fails. */
const pipelines = {
  slow: { sleepMs: 2500 },
  broken: { failWith: 'no column "churned"' },
};

beforeAll(async () => {
  g = await startCliGyre();
  for (const [name, hyperparameters] of Object.entries(pipelines)) {
    const file = join(g.home, `${name}.json`);
    const spec = pipeline(name, { dataset: "tiny", hyperparameters });
    await writeFile(file, JSON.stringify({ ...spec, trigger: { onNewData: false } }));
    expect((await cli("pipelines", "create", "-f", file)).code).toBe(0);
  }
  await writeFile(join(g.home, "tiny.csv"), "a,b\n1,2\n3,4\n");
  const pushed = await cli("data", "push", join(g.home, "tiny.csv"), "--dataset", "tiny");
  expect(pushed.stderr).toBe("");
  expect(pushed.code).toBe(0);
}, 60_000);
afterAll(() => g.close());

describe("gyre train <pipeline>", () => {
  it("follows the run's log to the end, each line once, and exits 0 with its metrics when it succeeds", async () => {
    const train = await cli("train", "slow");
    expect(train.stderr).toBe("");
    expect(train.code).toBe(0);
    const lines = train.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^run_\w+ [A-Z]+ on tiny v1$/);
    expect(count(train.stdout, "training run_")).toBe(1);
    expect(count(train.stdout, "\ndone\n")).toBe(1);
    expect(lines.at(-1)).toMatch(/^run_\w+ SUCCEEDED in \d+\.\ds: auc=0\.87 accuracy=0\.81$/);
  }, 40_000);

  it("exits 1 with the trainer's own error line as the reason when the run fails", async () => {
    const train = await cli("train", "broken");
    expect(train.code).toBe(1);
    expect(count(train.stdout, '[train] failed: no column "churned"')).toBe(1);
    expect(count(train.stdout, "cleaning up")).toBe(1);
    expect(train.stderr).toMatch(
      /^error: run_\w+ FAILED: \[train\] failed: no column "churned"\n$/,
    );
  }, 40_000);
});

describe("gyre runs logs <id>", () => {
  const lastRun = async (pipeline: string) =>
    JSON.parse((await cli("runs", "show", await runId(pipeline))).stdout);
  const runId = async (pipeline: string) =>
    (await cli("runs", "ls", "--pipeline", pipeline, "--limit", "1")).stdout
      .split("\n")[1]
      ?.split(" ")[0] as string;

  it("-f on a finished run prints its log once and exits at once with the run's outcome", async () => {
    const ok = await cli("runs", "logs", await runId("slow"), "-f");
    expect(ok).toMatchObject({ code: 0, stderr: "" });
    expect(ok.stdout).toMatch(
      /^training run_\w+ on s3:\/\/gyre-data\/datasets\/tiny\/tiny\.csv\ndone\n$/,
    );
    const failed = await cli("runs", "logs", await runId("broken"), "-f");
    expect(failed.code).toBe(1);
    expect(count(failed.stdout, "cleaning up")).toBe(1);
    expect(failed.stderr).toMatch(/FAILED: \[train\] failed: no column "churned"/);
  }, 30_000);

  it("-f follows a run that finishes while it watches, and returns when it ends", async () => {
    const started = await cli("train", "slow", "--no-wait");
    const id = started.stdout.split(" ")[0] as string;
    const watching = Date.now();
    const logs = await cli("runs", "logs", id, "-f");
    expect(logs).toMatchObject({ code: 0, stderr: "" });
    expect(count(logs.stdout, "training run_")).toBe(1);
    expect(count(logs.stdout, "\ndone\n")).toBe(1);
    const run = await lastRun("slow");
    expect(run).toMatchObject({ id, status: "SUCCEEDED" });
    expect(Date.parse(run.stoppedAt)).toBeGreaterThan(watching);
  }, 40_000);

  it("without -f prints what is there and returns", async () => {
    const logs = await cli("runs", "logs", await runId("broken"));
    expect(logs.code).toBe(0);
    expect(logs.stdout).toContain('[train] failed: no column "churned"\ncleaning up\n');
  });
});
