import * as crypto from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DynamoTokenStore } from "./dynamo-token-store";
import { FileTokenStore } from "./file-token-store";
import { createToken, hashToken, sameHash, type TokenStore } from "./tokens";

vi.mock("node:crypto", async (original) => {
  const actual = await original<typeof import("node:crypto")>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

let platform: TestPlatform;
let home: string;
beforeAll(async () => {
  platform = await startTestPlatform();
  home = await mkdtemp(join(tmpdir(), "gyre-tokens-"));
});
afterAll(async () => {
  await platform.close();
  await rm(home, { recursive: true, force: true });
});

describe("token hashes are compared in constant time", () => {
  it("sameHash is timingSafeEqual on equal lengths, false on any other", () => {
    const hash = hashToken("gyre_a");
    expect(sameHash(hash, hash)).toBe(true);
    expect(sameHash(hash, hashToken("gyre_b"))).toBe(false);
    expect(sameHash(hash, hash.slice(1))).toBe(false);
    expect(sameHash(hash, `${hash}0`)).toBe(false);
  });

  const stores: [string, () => TokenStore][] = [
    ["FileTokenStore", () => new FileTokenStore(join(home, "tokens.json"))],
    ["DynamoTokenStore", () => new DynamoTokenStore(platform.state)],
  ];
  it.each(stores)("%s.findByHash goes through timingSafeEqual, found or not", async (_, make) => {
    const store = make();
    const { token } = await createToken(store, { role: "viewer" });
    vi.mocked(crypto.timingSafeEqual).mockClear();
    expect(await store.findByHash(hashToken(token))).toBeDefined();
    expect(crypto.timingSafeEqual).toHaveBeenCalled();
    expect(await store.findByHash(hashToken(`${token}x`))).toBeUndefined();
  });
});
