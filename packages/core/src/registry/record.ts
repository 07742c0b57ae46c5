import { relaySoon } from "../platform/outbox/relay";
import type { Db } from "../platform/state/client";
import { tableName } from "../platform/state/tables";
import type { RegistryDeps } from "./deps";
import { registryStore as store, type Unrecorded } from "./store";

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

/** Appends what the item's last write left unrecorded (a crash before its second step). */
export async function recordLeftovers(db: Db, key: Key): Promise<void> {
  await append(db, await store(db).unrecordedOf(key));
}

async function append(db: Db, unrecorded: Unrecorded) {
  for (const { id, entry } of unrecorded) await store(db).appendHistory(entry, id);
}
