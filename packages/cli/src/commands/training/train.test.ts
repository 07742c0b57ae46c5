import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ApiClient } from "../../client";
import { registerTrain } from "./train";

async function run(...args: string[]) {
  const calls: unknown[][] = [];
  const client: ApiClient = {
    url: "http://gyre",
    request: async <T>(...call: unknown[]) => {
      calls.push(call);
      return { id: "run_1", status: "SUBMITTED", dataset: { name: "churn", version: 2 } } as T;
    },
  };
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const program = new Command().exitOverride();
  registerTrain(program, () => client);
  await program.parseAsync(["node", "gyre", "train", ...args]);
  return { calls, out: log.mock.calls.map((c) => c.join(" ")).join("\n") };
}

afterEach(() => vi.restoreAllMocks());

describe("gyre train", () => {
  it("starts a run with hyperparameters merged over the pipeline's", async () => {
    const { calls, out } = await run(
      "churn",
      "--hyperparameters",
      '{"failServing":0.5}',
      "--no-wait",
    );
    expect(calls).toEqual([
      ["POST", "/pipelines/churn/runs", { hyperparameters: { failServing: 0.5 } }],
    ]);
    expect(out).toBe("run_1 SUBMITTED on churn v2");
    expect((await run("churn", "--dataset-version", "2", "--no-wait")).calls).toEqual([
      ["POST", "/pipelines/churn/runs", { datasetVersion: 2 }],
    ]);
  });

  it("says so when --hyperparameters is not JSON", async () => {
    await expect(run("churn", "--hyperparameters", "{failServing:0.5}")).rejects.toThrow(
      /--hyperparameters is not valid JSON/,
    );
  });
});
