import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient } from "@gyre/core/platform/state/client";
import { tableName } from "@gyre/core/platform/state/tables";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalDynamo } from "../src/state/dynalite";

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "gyre-dynalite-thread-"));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

describe("dynalite on its own thread", () => {
  it("has Gyre's tables and keeps items on disk across a restart", async () => {
    const key = { pk: "thread", sk: "item" };
    const first = await startLocalDynamo({ directory, region: "us-east-1", thread: true });
    const db = createDocumentClient({ endpoint: first.endpoint, region: "us-east-1" });
    await db.send(new PutCommand({ TableName: tableName("training"), Item: { ...key, n: 1 } }));
    db.destroy();
    await first.close();

    const again = await startLocalDynamo({ directory, region: "us-east-1", thread: true });
    const reopened = createDocumentClient({ endpoint: again.endpoint, region: "us-east-1" });
    const { Item } = await reopened.send(
      new GetCommand({ TableName: tableName("training"), Key: key, ConsistentRead: true }),
    );
    expect(Item).toEqual({ ...key, n: 1 });
    reopened.destroy();
    await again.close();
  });
});
