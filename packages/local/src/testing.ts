import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createToken, FileTokenStore, type Role, roles } from "@gyre/core/platform/auth/index";
import {
  DynamoArchive,
  DynamoDeadLetters,
  LocalBus,
  type LocalBusOptions,
} from "@gyre/core/platform/bus/index";
import { usePublisher } from "@gyre/core/platform/bus/publisher";
import type { Subscription } from "@gyre/functions/subscriptions";
import { repoRoot } from "./paths";
import { rulesFromSubscriptions } from "./rules";
import { type LocalS3, startLocalS3 } from "./s3/server";
import { startLocalDynamo } from "./state/dynalite";

export interface TestPlatform {
  bus: LocalBus;
  archive: DynamoArchive;
  deadLetters: DynamoDeadLetters;
  tokens: FileTokenStore;
  /** Present when started with `s3: true`: the local S3, its events on the bus. */
  s3?: LocalS3;
  bucket: string;
  /** A bearer header for a token of each role, named after the role. */
  as: Record<Role, { authorization: string }>;
  close(): Promise<void>;
}

export interface TestPlatformOptions {
  bus?: LocalBusOptions;
  s3?: boolean;
  /** Subscriptions wired to the bus, as the local runtime does. */
  subscriptions?: Subscription[];
}

/**
 * A throwaway platform for tests, made of the real local parts: in-memory dynalite,
 * a local bus archiving to it (and used as this process's publisher), tokens in a
 * temp dir, and optionally the local S3 with its events.
 */
export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const dynamo = await startLocalDynamo({ region: "us-east-1" });
  process.env.GYRE_DYNAMODB_ENDPOINT = dynamo.endpoint;
  const home = await mkdtemp(join(tmpdir(), "gyre-test-"));
  const tokens = new FileTokenStore(join(home, "tokens.json"));
  const as = {} as TestPlatform["as"];
  for (const role of roles) {
    const { token } = await createToken(tokens, { role, name: role });
    as[role] = { authorization: `Bearer ${token}` };
  }
  const archive = new DynamoArchive();
  const deadLetters = new DynamoDeadLetters();
  const bus = new LocalBus({ archive, deadLetters, ...options.bus });
  usePublisher(bus);
  for (const rule of await rulesFromSubscriptions(options.subscriptions ?? [], repoRoot))
    bus.addRule(rule);
  const bucket = "gyre-data";
  process.env.GYRE_BUCKET = bucket;
  const s3 = options.s3 ? await startTestS3(home, bucket, bus) : undefined;
  return {
    bus,
    archive,
    deadLetters,
    tokens,
    s3,
    bucket,
    as,
    async close() {
      await s3?.close();
      await bus.close();
      await dynamo.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

async function startTestS3(home: string, bucket: string, bus: LocalBus): Promise<LocalS3> {
  const s3 = await startLocalS3({
    directory: join(home, "s3"),
    port: 0,
    bucket,
    account: "000000000000",
    region: "us-east-1",
    publish: (entries) => bus.putEvents(entries),
  });
  process.env.GYRE_S3_ENDPOINT = s3.endpoint;
  return s3;
}
