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
import { startLocalDynamo } from "./state/dynalite";

export interface TestPlatform {
  bus: LocalBus;
  archive: DynamoArchive;
  deadLetters: DynamoDeadLetters;
  tokens: FileTokenStore;
  /** A bearer header for a token of each role, named after the role. */
  as: Record<Role, { authorization: string }>;
  close(): Promise<void>;
}

/** A throwaway platform for tests: in-memory dynalite, a local bus archiving to it, tokens in a temp dir. */
export async function startTestPlatform(busOptions: LocalBusOptions = {}): Promise<TestPlatform> {
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
  const bus = new LocalBus({ archive, deadLetters, ...busOptions });
  return {
    bus,
    archive,
    deadLetters,
    tokens,
    as,
    async close() {
      await bus.close();
      await dynamo.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}
