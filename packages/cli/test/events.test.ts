import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, type GyreProcess, startGyre, waitFor } from "@gyre/local/testing/gyre-process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli";

let home: string;
let gyre: GyreProcess;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "gyre-cli-home-"));
  const port = await freePort();
  const base = { GYRE_HOME: home, GYRE_PORT: String(port), GYRE_S3_PORT: String(await freePort()) };
  gyre = startGyre(base);
  await waitFor(() => gyre.output().includes("Gyre is ready"));
  const token = (
    await runCli(["token", "create", "--role", "admin", "--name", "cli-test"], { env: base })
  ).stdout.trim();
  env = { ...base, GYRE_API_URL: `http://127.0.0.1:${port}`, GYRE_TOKEN: token };
}, 30_000);

afterAll(async () => {
  gyre.child.kill("SIGTERM");
  await gyre.exited;
  await rm(home, { recursive: true, force: true });
});

const bin = join(dirname(fileURLToPath(import.meta.url)), "../bin/gyre.js");

describe("gyre events", () => {
  it("tail follows events put after it started; put answers like PutEvents", async () => {
    const tail = spawn(
      process.execPath,
      [bin, "events", "tail", "--source", "gyre.cli", "--json"],
      {
        env: { ...process.env, ...env },
      },
    );
    let out = "";
    tail.stdout.on("data", (chunk) => (out += chunk));
    await new Promise((r) => setTimeout(r, 1500));

    const put = await runCli(
      [
        "events",
        "put",
        "--source",
        "gyre.cli",
        "--detail-type",
        "Tail Check",
        "--detail",
        '{"n":42}',
      ],
      { env },
    );
    expect(put.code).toBe(0);
    expect(JSON.parse(put.stdout)).toEqual({
      failedEntryCount: 0,
      entries: [{ eventId: expect.any(String) }],
    });

    await waitFor(() => out.includes("Tail Check"), 5000);
    tail.kill();
    const event = JSON.parse(out.trim().split("\n")[0] ?? "");
    expect(event).toMatchObject({
      source: "gyre.cli",
      "detail-type": "Tail Check",
      detail: { n: 42 },
    });
  }, 20_000);

  it("replay answers with the count; a bad pattern is a clear error and exit 1", async () => {
    const from = new Date(Date.now() - 60_000).toISOString();
    const to = new Date().toISOString();
    const ok = await runCli(
      ["events", "replay", "--from", from, "--to", to, "--name", "cli-replay"],
      { env },
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ replayName: "cli-replay", events: expect.any(Number) });

    const bad = await runCli(
      ["events", "replay", "--from", from, "--to", to, "--pattern", '{"source":"x"}'],
      { env },
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: .*source.*\(pattern.invalid, HTTP 400\)/);
  });

  it("says how to fix a missing token or an unreachable Gyre", async () => {
    const noToken = await runCli(["events", "dead-letters"], { env: { ...env, GYRE_TOKEN: "" } });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain("Set GYRE_TOKEN");
    const down = await runCli(["events", "dead-letters"], {
      env: { ...env, GYRE_API_URL: "http://127.0.0.1:9" },
    });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain("Cannot reach Gyre at http://127.0.0.1:9");
  });
});

describe("gyre token", () => {
  it("ls lists names and roles, never a token; revoke makes the running Gyre refuse it at once", async () => {
    const token = (
      await runCli(["token", "create", "--role", "viewer", "--name", "short-lived"], { env })
    ).stdout.trim();
    const listed = await runCli(["token", "ls"], { env });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^name +role +created\n/);
    expect(listed.stdout).toMatch(/\ncli-test +admin +\d{4}-/);
    expect(listed.stdout).toMatch(/\nshort-lived +viewer +\d{4}-/);
    expect(listed.stdout).not.toContain("gyre_");
    const asViewer = { ...env, GYRE_TOKEN: token };
    expect((await runCli(["datasets", "ls"], { env: asViewer })).code).toBe(0);

    const revoked = await runCli(["token", "revoke", "short-lived"], { env });
    expect(revoked).toMatchObject({ code: 0, stdout: "revoked token short-lived (viewer)\n" });
    const refused = await runCli(["datasets", "ls"], { env: asViewer });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("auth.unknown_token");
    const again = await runCli(["token", "revoke", "short-lived"], { env });
    expect(again).toMatchObject({
      code: 1,
      stderr: "error: There is no token named short-lived.\n",
    });
  });

  it("--aws needs the tokens table's name", async () => {
    const ls = await runCli(["token", "ls", "--aws"], { env: { ...env, GYRE_TOKENS_TABLE: "" } });
    expect(ls).toMatchObject({ code: 1, stderr: expect.stringContaining("GYRE_TOKENS_TABLE") });
  });

  it("refuses a name already taken, and an unknown role, with exit 1", async () => {
    const taken = await runCli(["token", "create", "--role", "viewer", "--name", "cli-test"], {
      env,
    });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain("A token named cli-test already exists");
    const role = await runCli(["token", "create", "--role", "boss"], { env });
    expect(role.code).toBe(1);
    expect(role.stderr).toMatch(/Allowed choices are viewer, pipeline, approver, admin/);
  });
});

describe("gyre --version", () => {
  it("prints the CLI's version", async () => {
    expect(await runCli(["--version"])).toMatchObject({ code: 0, stdout: "0.1.0\n" });
  });
});
