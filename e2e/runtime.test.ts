import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { cliExports } from "@gyre/local/cli-env";
import type { LocalConfig } from "@gyre/local/config";
import { freePort, type GyreProcess, startGyre, waitFor } from "@gyre/local/testing/gyre-process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../packages/cli/test/run-cli";

let home: string;
let env: NodeJS.ProcessEnv;
let gyre: GyreProcess;
let api: string;

const lines = () => gyre.output().trim().split("\n");

async function start(): Promise<GyreProcess> {
  const started = startGyre(env);
  await waitFor(
    () => started.output().includes("Gyre is ready") || started.child.exitCode !== null,
  );
  expect(started.output()).toContain("Gyre is ready");
  return started;
}

async function stop(process: GyreProcess): Promise<number | null> {
  process.child.kill("SIGTERM");
  return process.exited;
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "gyre-home-"));
  const [port, s3Port] = [await freePort(), await freePort()];
  env = { GYRE_HOME: home, GYRE_PORT: String(port), GYRE_S3_PORT: String(s3Port) };
  api = `http://127.0.0.1:${port}`;
  gyre = await start();
}, 30_000);

afterAll(async () => {
  if (gyre.child.exitCode === null) await stop(gyre);
  await rm(home, { recursive: true, force: true });
});

describe("npm start (the local runtime)", () => {
  it("prints one line per endpoint, then Gyre is ready; /health answers without a token", async () => {
    const lines = gyre.output().trim().split("\n");
    expect(lines.at(-1)).toMatch(/^Gyre is ready/);
    expect(gyre.output()).toContain(`API        ${api}`);
    const s3 = `http://127.0.0.1:${env.GYRE_S3_PORT}`;
    expect(gyre.output()).toContain(`S3         ${s3}`);
    const health = await fetch(`${api}/health`);
    expect(await health.json()).toEqual({
      status: "ok",
      version: expect.any(String),
      s3: { endpoint: s3, bucket: "gyre-data" },
    });
  });

  it("prints the one export line another shell needs on other ports than the defaults", () => {
    expect(lines().at(-2)).toBe(`    export GYRE_API_URL=${api} GYRE_HOME=${home}`);
    const defaults = { host: "127.0.0.1", home, port: 7700 } as LocalConfig;
    expect(cliExports({ ...defaults }, 7700, {})).toBe("");
    expect(cliExports({ ...defaults, home: "/my gyre" }, 7700, { GYRE_HOME: "x" })).toBe(
      `export GYRE_HOME='/my gyre'`,
    );
  });

  it("accepts a token created by the CLI while it runs, at once", async () => {
    const created = await runCli(["token", "create", "--role", "viewer", "--name", "live"], {
      env,
    });
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^gyre_/);
    const res = await fetch(`${api}/events`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
  });

  it("refuses a second start on the same GYRE_HOME, and a used port, each with one clear line", async () => {
    const second = startGyre(env);
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toMatch(/Gyre is already running on GYRE_HOME=.* \(pid \d+\)/);

    const blocker = createServer();
    const busy = await freePort();
    await new Promise<void>((r) => blocker.listen(busy, "127.0.0.1", () => r()));
    const other = await mkdtemp(join(tmpdir(), "gyre-home-"));
    const third = startGyre({
      ...env,
      GYRE_HOME: other,
      GYRE_PORT: String(busy),
      GYRE_S3_PORT: String(await freePort()),
    });
    expect(await third.exited).toBe(1);
    expect(third.output().trim()).toBe(
      `Port ${busy} is in use: stop what uses it, or set GYRE_PORT to a free port.`,
    );
    blocker.close();
    await rm(other, { recursive: true, force: true });
  }, 30_000);

  it("turns an S3 put into an Object Created event listed at GET /events, still listed after a restart", async () => {
    const admin = (
      await runCli(["token", "create", "--role", "admin", "--name", "ops"], { env })
    ).stdout.trim();
    const s3 = new S3Client({
      endpoint: `http://127.0.0.1:${env.GYRE_S3_PORT}`,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "any", secretAccessKey: "any" },
    });
    await s3.send(
      new PutObjectCommand({
        Bucket: "gyre-data",
        Key: "datasets/demo/file.csv",
        Body: "a,b\n1,2\n",
      }),
    );
    const listed = async () => {
      const res = await fetch(`${api}/events?source=aws.s3`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      return (
        (await res.json()) as { items: { detail: { object: { key: string; size: number } } }[] }
      ).items;
    };
    await waitFor(async () => (await listed()).length > 0, 2000);
    expect((await listed())[0]?.detail.object).toMatchObject({
      key: "datasets/demo/file.csv",
      size: 8,
    });

    expect(await stop(gyre)).toBe(0);
    expect(gyre.output()).toContain("Gyre stopped.");
    gyre = await start();
    expect((await listed())[0]?.detail.object.key).toBe("datasets/demo/file.csv");
  }, 30_000);
});
