import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createToken, type Role, roles } from "@gyre/core/platform/auth/index";
import type { LocalBusOptions } from "@gyre/core/platform/bus/index";
import {
  objectEventsPattern,
  type Service,
  subscriptionsOf,
  watchedObjectKeys,
} from "@gyre/functions/wiring";
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
  /**
   * Reopen this home, kept on disk (DynamoDB included) and not removed on close: a restart.
   * Without it, a fresh temp home with DynamoDB in memory, removed on close.
   */
  home?: string;
  /** Keep DynamoDB on disk under the home, so a later platform can reopen it. */
  persist?: boolean;
  /** Run the services' ticks this often (default: never; tests call them). */
  tickMs?: number;
  /**
   * The subscriptions whose S3 keys the local S3 announces (default: the mounted services'; with
   * none, every key), to announce as the runtime does without mounting the services.
   */
  watchedBy?: Parameters<typeof watchedObjectKeys>[0];
  /** The local DynamoDB and S3 on threads of their own, as the runtime runs them (benchmarks). */
  serverThreads?: boolean;
}

/**
 * A throwaway platform for tests, made of the real local parts: in-memory dynalite, the local
 * bus archiving to it, tokens in a temp home, optionally the local S3 with its events, and
 * the Batch-compatible runner when a mounted service declares jobs.
 */
export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const home = options.home ?? (await mkdtemp(join(tmpdir(), "gyre-test-")));
  const keep = options.home !== undefined || options.persist === true;
  const services = options.services ?? [];
  const bucket = "gyre-data";
  const platform = await localPlatform({
    home,
    account: "000000000000",
    region: "us-east-1",
    inMemory: !keep,
    s3: options.s3
      ? {
          port: 0,
          bucket,
          forward: objectEventsPattern(
            bucket,
            watchedObjectKeys(options.watchedBy ?? subscriptionsOf(services)),
          ),
        }
      : undefined,
    tickMs: options.tickMs,
    serverThreads: options.serverThreads,
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
    // A reopened home has these names already: its new tokens get names of their own.
    const name = options.home ? `${role}-${Date.now().toString(36)}` : role;
    const { token } = await createToken(platform.tokens, { role, name });
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
      if (!keep) await rm(home, { recursive: true, force: true, maxRetries: 3 });
    },
  });
}
