import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ApiClient } from "../../client";
import { registerModelCommands } from "./models";

const version = {
  model: "churn",
  version: 3,
  status: "Approved",
  metrics: { auc: 0.87 },
  dataset: { name: "churn", version: 2 },
  runId: "run_1",
  approvals: ["alice"],
  reason: null,
  createdAt: "2026-01-01T00:00:00.000Z",
};

async function run(...args: string[]) {
  const calls: unknown[][] = [];
  const client: ApiClient = {
    url: "http://gyre",
    request: async <T>(...call: unknown[]) => {
      calls.push(call);
      return (String(call[1]).includes("/history") ? { items: [] } : version) as T;
    },
  };
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const program = new Command().exitOverride();
  registerModelCommands(program, () => client);
  await program.parseAsync(["node", "gyre", "models", ...args]);
  return { calls, out: log.mock.calls.map((c) => c.join(" ")).join("\n") };
}

afterEach(() => vi.restoreAllMocks());

describe("gyre models", () => {
  it("approves with a message and says who approved", async () => {
    const { calls, out } = await run("approve", "churn", "3", "-m", "ship it");
    expect(calls).toEqual([["POST", "/models/churn/versions/3/approve", { comment: "ship it" }]]);
    expect(out).toBe("churn v3 Approved (approved by alice)");
  });

  it("rejects only with a message", async () => {
    await expect(run("reject", "churn", "3")).rejects.toThrow(/message/);
    const { calls } = await run("reject", "churn", "3", "-m", "leaky");
    expect(calls).toEqual([["POST", "/models/churn/versions/3/reject", { comment: "leaky" }]]);
  });

  it("moves an alias and reads a version's history", async () => {
    expect((await run("alias", "churn", "champion", "3")).calls).toEqual([
      ["PUT", "/models/churn/aliases/champion", { version: 3 }],
    ]);
    expect((await run("history", "churn", "3")).calls).toEqual([
      ["GET", "/models/churn/versions/3/history?limit=50"],
    ]);
    expect((await run("history", "churn")).calls).toEqual([
      ["GET", "/models/churn/history?limit=50"],
    ]);
  });
});
