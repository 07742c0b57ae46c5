import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, type GyreProcess, startGyre, waitFor } from "@gyre/local/testing/gyre-process";
import { runCli } from "./run-cli";

export interface CliGyre {
  gyre: GyreProcess;
  home: string;
  api: string;
  /** What the CLI needs to reach it as an admin, as a user's shell would have. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** A real local Gyre (`npm start`) on free ports with an empty GYRE_HOME, and an admin token. */
export async function startCliGyre(extra: NodeJS.ProcessEnv = {}): Promise<CliGyre> {
  const home = await mkdtemp(join(tmpdir(), "gyre-cli-home-"));
  const port = await freePort();
  const base = {
    GYRE_HOME: home,
    GYRE_PORT: String(port),
    GYRE_S3_PORT: String(await freePort()),
    GYRE_SEED_EXAMPLES: "0",
    ...extra,
  };
  const gyre = startGyre(base);
  await waitFor(
    () => gyre.output().includes("Gyre is ready") || gyre.child.exitCode !== null,
    30_000,
  );
  if (!gyre.output().includes("Gyre is ready"))
    throw new Error(`Gyre did not start:\n${gyre.output()}`);
  const api = `http://127.0.0.1:${port}`;
  const created = await runCli(["token", "create", "--role", "admin", "--name", "cli-test"], {
    env: { GYRE_HOME: home },
  });
  const env = { GYRE_HOME: home, GYRE_API_URL: api, GYRE_TOKEN: created.stdout.trim() };
  return {
    gyre,
    home,
    api,
    env,
    async close() {
      gyre.child.kill("SIGTERM");
      await gyre.exited;
      await rm(home, { recursive: true, force: true });
    },
  };
}
