import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileTokenStore } from "./file-token-store";
import { createToken, hashToken, revokeToken } from "./tokens";

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "gyre-tokens-"));
});
afterAll(() => rm(home, { recursive: true, force: true }));

describe("FileTokenStore (tokens.json under GYRE_HOME)", () => {
  it("lists by name, revokes by name, and a store reading the same file sees it at once", async () => {
    const file = join(home, "tokens.json");
    const cli = new FileTokenStore(file);
    const running = new FileTokenStore(file);
    const { token } = await createToken(cli, { role: "pipeline", name: "ci" });
    await createToken(cli, { role: "admin", name: "alice" });
    expect((await running.list()).map((t) => [t.name, t.role])).toEqual([
      ["alice", "admin"],
      ["ci", "pipeline"],
    ]);
    expect(await running.findByHash(hashToken(token))).toMatchObject({ name: "ci" });
    await revokeToken(cli, "ci");
    expect(await running.findByHash(hashToken(token))).toBeUndefined();
    expect(await readFile(file, "utf8")).not.toContain(token);
    await expect(revokeToken(cli, "ci")).rejects.toMatchObject({ code: "token.not_found" });
  });
});
