import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createToken, type Role, roles } from "@gyre/core/platform/auth/index";
import type { LocalBusOptions } from "@gyre/core/platform/bus/index";
import type { Service } from "@gyre/functions/wiring";
import { type LocalPlatform, localPlatform } from "../local-platform";
import { mountServices, needsEndpoints, needsJobs } from "../mount";
import { repoRoot } from "../paths";
import type { LocalS3 } from "../s3/server";

export interface TestPlatform extends LocalPlatform {
  /** Present when started with `s3: true`: the local S3, its events on the bus. */
  s3?: LocalS3;
  bucket: string;
  /** The temp GYRE_HOME, removed on close. */
  home: string;
  /** A bearer header for a token of each role, named after the role. */
  as: Record<Role, { authorization: string }>;
  /** The mounted services' APIs in one app (plus /health and /openapi.json), called in process. */
  app: Awaited<ReturnType<typeof mountServices>>;
  close(): Promise<void>;
}

export interface TestPlatformOptions {
  bus?: LocalBusOptions;
  s3?: boolean;
  /** Services mounted on the platform, as the local runtime does (their rules, callbacks, APIs). */
  services?: Service[];
  /** Options for the local model host, when a mounted service declares endpoints. */
  endpoints?: { pingTimeoutMs?: number };
  /** The clock recurring schedules run on. */
  now?: () => Date;
}

/**
 * A throwaway platform for tests, made of the real local parts: in-memory dynalite, the local
 * bus archiving to it, tokens in a temp home, optionally the local S3 with its events, and
 * the Batch-compatible runner when a mounted service declares jobs.
 */
export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const home = await mkdtemp(join(tmpdir(), "gyre-test-"));
  const services = options.services ?? [];
  const bucket = "gyre-data";
  const platform = await localPlatform({
    home,
    account: "000000000000",
    region: "us-east-1",
    inMemory: true,
    s3: options.s3 ? { port: 0, bucket } : undefined,
    batch: needsJobs(services) ? { cwd: repoRoot, log: () => {} } : undefined,
    endpoints: needsEndpoints(services)
      ? { cwd: repoRoot, log: () => {}, ...options.endpoints }
      : undefined,
    bus: options.bus,
    now: options.now,
    log: () => {},
  });
  const as = {} as TestPlatform["as"];
  for (const role of roles) {
    const { token } = await createToken(platform.tokens, { role, name: role });
    as[role] = { authorization: `Bearer ${token}` };
  }
  const app = await mountServices(platform, services, repoRoot);
  const closePlatform = platform.close;
  return Object.assign(platform, {
    s3: platform.s3Server,
    bucket,
    home,
    as,
    app,
    async close() {
      await closePlatform();
      await rm(home, { recursive: true, force: true, maxRetries: 3 });
    },
  });
}
