import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { CliError } from "@gyre/cli/client";
import { registerExample } from "@gyre/cli/commands/example";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { churnCsv } from "./generate";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

async function runInProcess(args: string[]): Promise<string> {
  let output = "";
  const sink = new Writable({
    write(chunk, _encoding, done) {
      output += chunk;
      done();
    },
  });
  const program = new Command("gyre").exitOverride();
  registerExample(program, sink);
  await program.parseAsync(args, { from: "user" });
  return output;
}

describe("gyre example churn", () => {
  it("writes the generated CSV", async () => {
    expect(await runInProcess(["example", "churn", "--rows", "10"])).toBe(churnCsv({ rows: 10 }));
    expect(
      await runInProcess(["example", "churn", "--rows", "3000", "--drift", "0.5", "--seed", "9"]),
    ).toBe(churnCsv({ rows: 3000, drift: 0.5, seed: 9 }));
  });

  it.each([
    [["--rows", "ten"], "--rows ten: expected a whole number from 1 to 100000000."],
    [["--rows", "0"], "--rows 0: expected a whole number"],
    [["--rows", "2.5"], "--rows 2.5: expected a whole number"],
    [["--drift", "1.5"], "--drift 1.5: expected a number from 0 to 1."],
    [["--seed", "x"], "--seed x: expected a whole number"],
  ])("refuses %j", async (args, message) => {
    const run = runInProcess(["example", "churn", ...args]);
    await expect(run).rejects.toThrow(CliError);
    await expect(run).rejects.toThrow(message);
  });

  const registered = readFileSync(`${repoRoot}/packages/cli/src/main.ts`, "utf8").includes(
    "registerExample",
  );
  it.skipIf(!registered)("works as the gyre binary, bad input exiting 1", async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ["packages/cli/bin/gyre.js", "example", "churn", ...args],
          {
            cwd: repoRoot,
          },
        );
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk) => (stdout += chunk));
        child.stderr.on("data", (chunk) => (stderr += chunk));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
      });
    expect(await run(["--rows", "10"])).toEqual({
      code: 0,
      stdout: churnCsv({ rows: 10 }),
      stderr: "",
    });
    const bad = await run(["--rows", "-3"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--rows -3: expected a whole number");
  });
});
