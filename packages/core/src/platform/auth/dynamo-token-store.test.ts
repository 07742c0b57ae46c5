import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoTokenStore } from "./dynamo-token-store";
import { createToken, hashToken, revokeToken } from "./tokens";

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.close());

describe("DynamoTokenStore (the tokens table on AWS, here against dynalite)", () => {
  it("finds a token by its hash and never stores the token itself", async () => {
    const store = new DynamoTokenStore(platform.state);
    const { token, record } = await createToken(store, { role: "pipeline", name: "ci" });
    expect(await store.findByHash(hashToken(token))).toEqual(record);
    expect(await store.findByHash(hashToken("gyre_other"))).toBeUndefined();
    expect(JSON.stringify(record)).not.toContain(token);
  });

  it("refuses a second token with a name already taken", async () => {
    const store = new DynamoTokenStore(platform.state);
    await createToken(store, { role: "viewer", name: "dashboards" });
    await expect(createToken(store, { role: "admin", name: "dashboards" })).rejects.toMatchObject({
      code: "token.name_taken",
    });
  });

  it("lists records by name and revokes by name: the token is refused, the name free again", async () => {
    const store = new DynamoTokenStore(platform.state);
    const { token } = await createToken(store, { role: "approver", name: "alice" });
    const names = (await store.list()).map((t) => t.name);
    expect(names).toEqual([...names].sort());
    expect(await store.list()).toContainEqual(
      expect.objectContaining({ name: "alice", role: "approver" }),
    );
    expect(JSON.stringify(await store.list())).not.toContain(token);
    expect(await revokeToken(store, "alice")).toMatchObject({ name: "alice", role: "approver" });
    expect(await store.findByHash(hashToken(token))).toBeUndefined();
    expect((await store.list()).map((t) => t.name)).not.toContain("alice");
    await expect(revokeToken(store, "alice")).rejects.toMatchObject({ code: "token.not_found" });
    await createToken(store, { role: "viewer", name: "alice" });
  });
});
