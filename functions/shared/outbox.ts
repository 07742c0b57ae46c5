import { type BeforeRelay, relayItem, sweepOutbox } from "@gyre/core/platform/outbox/relay";
import { type TableOwner, tableName } from "@gyre/core/platform/state/tables";
import { type Make, onAws } from "./handler";

interface StreamRecord {
  dynamodb?: { Keys?: { pk?: { S?: string }; sk?: { S?: string } } };
}

/**
 * A table's outbox relay, one module for both callers: a DynamoDB Streams batch relays the
 * items it names (a throw makes Lambda retry the batch); anything else (the schedule, the
 * local tick, the start) sweeps every item with events still pending. `before` runs on each
 * item first.
 */
export function outboxRelay(owner: TableOwner, before?: BeforeRelay) {
  const make: Make<(input?: unknown) => Promise<void>> = (platform) => async (input) => {
    const table = tableName(owner);
    const records = (input as { Records?: StreamRecord[] } | undefined)?.Records;
    if (records) {
      for (const key of records.flatMap(keyOf)) {
        await before?.(platform.state, key);
        await relayItem(platform, table, key);
      }
      return;
    }
    const swept = await sweepOutbox(platform, table, before);
    if (swept.published || swept.failed) {
      console.log(JSON.stringify({ message: "outbox swept", table: owner, ...swept }));
    }
  };
  return { make, lambda: onAws(make) };
}

function keyOf(record: StreamRecord): { pk: string; sk: string }[] {
  const keys = record.dynamodb?.Keys;
  return keys?.pk?.S && keys.sk?.S ? [{ pk: keys.pk.S, sk: keys.sk.S }] : [];
}
