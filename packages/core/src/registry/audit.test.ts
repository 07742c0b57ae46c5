import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HistoryEntry } from "./history";
import { registryStore } from "./store";
import * as trail from "./trail";

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.close());

const entry = (fields: Partial<HistoryEntry> = {}): HistoryEntry => ({
  at: "2026-12-03T10:00:00.000Z",
  actor: "alice",
  action: "approved",
  model: "audited",
  version: 1,
  alias: null,
  from: "pending",
  to: "approved",
  comment: "ship it",
  ...fields,
});

describe("the audit trail (registry history) at the data layer", () => {
  it("has no update or delete: the store's only history functions append and list", () => {
    const store = registryStore(platform.state);
    const historyFunctions = Object.keys(store).filter((name) => /history/i.test(name));
    expect(historyFunctions.sort()).toEqual(["appendHistory", "listHistory"]);
    expect(Object.keys(store).filter((name) => /^(delete|remove|drop|purge)/i.test(name))).toEqual(
      [],
    );
  });

  it("has no update or delete in the schema-free writes the outbox relay uses either", () => {
    const writes = Object.keys(trail).filter(
      (name) => typeof Reflect.get(trail, name) === "function",
    );
    expect(writes.filter((name) => /history/i.test(name))).toEqual(["appendHistory"]);
    expect(writes.filter((name) => /^(delete|remove|drop|purge)/i.test(name))).toEqual([]);
  });

  it("refuses to overwrite an entry: appending under the same id again leaves the first as it was", async () => {
    const store = registryStore(platform.state);
    await store.appendHistory(entry(), "h_fixed");
    await store.appendHistory(
      entry({ actor: "mallory", action: "rejected", to: "rejected", comment: "rewritten" }),
      "h_fixed",
    );
    const { items } = await store.listHistory({ model: "audited", limit: 10 });
    expect(items).toEqual([entry()]);
    const byVersion = await store.listHistory({ model: "audited", version: 1, limit: 10 });
    expect(byVersion.items).toEqual([entry()]);
  });

  it("keeps every append, newest first", async () => {
    const store = registryStore(platform.state);
    await store.appendHistory(entry({ model: "kept", at: "2026-12-03T10:00:01.000Z" }));
    await store.appendHistory(
      entry({ model: "kept", at: "2026-12-03T10:00:02.000Z", action: "alias", alias: "champion" }),
    );
    const { items } = await store.listHistory({ model: "kept", limit: 10 });
    expect(items.map((e) => e.at)).toEqual([
      "2026-12-03T10:00:02.000Z",
      "2026-12-03T10:00:01.000Z",
    ]);
  });
});
