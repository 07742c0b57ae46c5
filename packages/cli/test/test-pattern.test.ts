import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli";

const pattern = JSON.stringify({
  source: ["aws.s3"],
  detail: { object: { key: [{ prefix: "datasets/" }] } },
});
const event = (key: string) => JSON.stringify({ source: "aws.s3", detail: { object: { key } } });

describe("gyre events test-pattern", () => {
  it('prints {"Result":true} for a matching event and exits 0', async () => {
    const result = await runCli([
      "events",
      "test-pattern",
      "--pattern",
      pattern,
      "--event",
      event("datasets/a.csv"),
    ]);
    expect(result).toMatchObject({ code: 0, stdout: '{"Result":true}\n' });
  });

  it('prints {"Result":false} for an event that does not match', async () => {
    const result = await runCli([
      "events",
      "test-pattern",
      "--pattern",
      pattern,
      "--event",
      event("models/a.bin"),
    ]);
    expect(result).toMatchObject({ code: 0, stdout: '{"Result":false}\n' });
  });

  it("reads @file arguments", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gyre-cli-"));
    await writeFile(join(dir, "pattern.json"), pattern);
    await writeFile(join(dir, "event.json"), event("datasets/b.csv"));
    const result = await runCli([
      "events",
      "test-pattern",
      "--pattern",
      `@${join(dir, "pattern.json")}`,
      "--event",
      `@${join(dir, "event.json")}`,
    ]);
    expect(result.stdout).toBe('{"Result":true}\n');
  });

  it('prints {"Error": ...} on stdout and exits 2 for an invalid pattern', async () => {
    const result = await runCli([
      "events",
      "test-pattern",
      "--pattern",
      '{"source":"aws.s3"}',
      "--event",
      "{}",
    ]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({ Error: expect.stringContaining("source") });
  });

  it("exits 2 with an error naming the option when the JSON is broken", async () => {
    const result = await runCli(["events", "test-pattern", "--pattern", "{", "--event", "{}"]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout).Error).toMatch(/--pattern is not valid JSON/);
  });

  it("answers each --batch line in order, errors included", async () => {
    const lines = [
      { pattern: { n: [{ numeric: [">", 5] }] }, event: { n: 7 } },
      { pattern: { n: [{ numeric: [">", 5] }] }, event: { n: 3 } },
      { pattern: { n: [{ numeric: [">"] }] }, event: { n: 3 } },
    ].map((l) => JSON.stringify(l));
    const result = await runCli(["events", "test-pattern", "--batch"], {
      stdin: `${lines.join("\n")}\nnot json\n`,
    });
    const out = result.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(result.code).toBe(0);
    expect(out).toEqual([
      { Result: true },
      { Result: false },
      { Error: expect.any(String) },
      { Error: expect.stringContaining("line 4") },
    ]);
  });

  it("documents itself in --help", async () => {
    const result = await runCli(["events", "test-pattern", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--pattern <json|@file>");
    expect(result.stdout).toContain("--batch");
  });

  it("asks for both --pattern and --event", async () => {
    const result = await runCli(["events", "test-pattern", "--pattern", pattern]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/--pattern and --event are both required/);
  });
});
