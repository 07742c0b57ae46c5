import { relaySoon } from "../platform/outbox/relay";
import type { Db } from "../platform/state/client";
import { tableName } from "../platform/state/tables";
import type { RegistryDeps } from "./deps";
import { appendHistory, getItem, touchModel, UNRECORDED, type Unrecorded } from "./trail";

type Key = { pk: string; sk: string };

/**
 * A registry change is two steps on two kinds of item: the version (or alias) is written with
 * its events in its outbox and its audit entries in `unrecorded`, then the entries are
 * appended to the history, each under an id of its own, so appending again is a no-op. The
 * order is safe: a crash between the steps leaves a change whose item still lists the entries,
 * and the next change of that item, or the outbox relay (right after, on the stream, on start),
 * appends them before anything overwrites them. The other order could leave an audit entry for
 * a change that never happened.
 */
export async function completeChange(deps: RegistryDeps, key: Key, unrecorded: Unrecorded) {
  await append(deps.state, unrecorded);
  await relaySoon(deps, tableName("registry"), key);
}

/**
 * What the item's last write left undone (a crash before its later steps), done before its
 * events go: its audit entries appended, and, for a version, the model's latest number
 * moved to it (which also lists a model whose first version it is).
 */
export async function recordLeftovers(db: Db, key: Key): Promise<void> {
  const item = await getItem(db, key);
  await append(db, (item?.[UNRECORDED] as Unrecorded | undefined) ?? []);
  const isVersion = /^model#/.test(key.pk) && /^v#/.test(key.sk);
  if (item && isVersion) await touchModel(db, item.model, item.version, item.createdAt);
}

async function append(db: Db, unrecorded: Unrecorded) {
  for (const { id, entry } of unrecorded) await appendHistory(db, entry, id);
}
