import { Command } from "commander";
import { vi } from "vitest";
import type { ApiClient } from "../src/client";

type Register = (program: Command, client: () => ApiClient) => void;
export type Answer = (method: string, path: string, body?: unknown) => unknown;

/** Runs one command in process against a fake API: the calls it made and what it printed. */
export async function runCommand(register: Register, answer: Answer, ...args: string[]) {
  const calls: unknown[][] = [];
  const client: ApiClient = {
    url: "http://gyre",
    request: async (...call: [string, string, unknown?]) => {
      calls.push(call);
      return answer(...call);
    },
  };
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  try {
    const program = new Command().exitOverride();
    register(program, () => client);
    await program.parseAsync(["node", "gyre", ...args]);
    return { calls, out: log.mock.calls.map((c) => c.join(" ")).join("\n") };
  } finally {
    log.mockRestore();
  }
}
