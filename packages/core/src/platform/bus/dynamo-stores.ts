import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Envelope } from "@gyre/events";
import type { Db } from "../state/client";
import { conditional, primaryKey } from "../state/keys";
import { type Page, queryAll, queryPage } from "../state/pages";
import { tableName } from "../state/tables";
import type {
  ArchivedEvent,
  DeadLetter,
  DeadLetterStore,
  EventArchive,
  Undelivered,
} from "./stores";

export interface ArchiveQuery {
  source?: string;
  detailType?: string;
  /** Only the events of one trip round the loop (their detail's metadata.correlationId). */
  correlationId?: string;
  since?: Date;
  limit: number;
  cursor?: string;
}

const ARCHIVE = "archive";
const DEAD_LETTERS = "dead-letter";
/** The sparse index entry of archived events with deliveries still to make. */
const UNDELIVERED = "undelivered";

function sortKey(at: number, id: string): string {
  return `${String(at).padStart(15, "0")}#${id}`;
}

/** The bus archive in the events table: kept across restarts, listed newest first. */
export class DynamoArchive implements EventArchive {
  private readonly table = tableName("events");

  constructor(private readonly db: Db) {}

  async append({ event, receivedAt }: ArchivedEvent, rules: string[] = []) {
    const sk = sortKey(receivedAt, event.id);
    const pending = rules.length ? { rules: new Set(rules), gsi1pk: UNDELIVERED, gsi1sk: sk } : {};
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          pk: ARCHIVE,
          sk,
          source: event.source,
          detailType: event["detail-type"],
          ...correlationOf(event),
          receivedAt,
          json: JSON.stringify(event),
          ...pending,
        },
      }),
    );
  }

  async delivered({ event, receivedAt }: ArchivedEvent, rule: string) {
    const key = { pk: ARCHIVE, sk: sortKey(receivedAt, event.id) };
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: key,
        UpdateExpression: "DELETE #rules :rule",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeNames: { "#rules": "rules" },
        ExpressionAttributeValues: { ":rule": new Set([rule]) },
      }),
    );
    // The last rule out takes the event off the index (an emptied set is removed by DynamoDB).
    await conditional(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key,
          UpdateExpression: "REMOVE gsi1pk, gsi1sk",
          ConditionExpression: "attribute_exists(gsi1pk) AND attribute_not_exists(#rules)",
          ExpressionAttributeNames: { "#rules": "rules" },
        }),
      ),
    );
  }

  async undelivered(): Promise<Undelivered[]> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :pending",
      ExpressionAttributeValues: { ":pending": UNDELIVERED },
    });
    return items.map((item) => ({
      event: JSON.parse(item.json as string) as Envelope,
      receivedAt: item.receivedAt as number,
      rules: [...((item.rules as Set<string> | undefined) ?? [])],
    }));
  }

  async range(from: number, to: number) {
    const items = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
      ExpressionAttributeValues: {
        ":pk": ARCHIVE,
        ":from": sortKey(from, ""),
        ":to": sortKey(to, "~"),
      },
    });
    return items.map((item) => ({
      event: JSON.parse(item.json as string) as Envelope,
      receivedAt: item.receivedAt as number,
    }));
  }

  /** Archived events, newest first, optionally by source, detail-type and time. */
  async list(query: ArchiveQuery): Promise<Page<Envelope>> {
    const filters: string[] = [];
    const values: Record<string, unknown> = { ":pk": ARCHIVE };
    if (query.source) {
      filters.push("#source = :source");
      values[":source"] = query.source;
    }
    if (query.detailType) {
      filters.push("detailType = :detailType");
      values[":detailType"] = query.detailType;
    }
    if (query.correlationId) {
      filters.push("correlationId = :correlationId");
      values[":correlationId"] = query.correlationId;
    }
    if (query.since) values[":since"] = sortKey(query.since.getTime(), "");
    const page = await queryPage(
      this.db,
      {
        TableName: this.table,
        KeyConditionExpression: query.since ? "pk = :pk AND sk >= :since" : "pk = :pk",
        ...(filters.length ? { FilterExpression: filters.join(" AND ") } : {}),
        ...(query.source ? { ExpressionAttributeNames: { "#source": "source" } } : {}),
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
      },
      { limit: query.limit, cursor: query.cursor, keyOf: primaryKey },
    );
    return {
      items: page.items.map((item) => JSON.parse(item.json as string) as Envelope),
      next: page.next,
    };
  }
}

/** Dead letters in the events table, newest first. */
export class DynamoDeadLetters implements DeadLetterStore {
  private readonly table = tableName("events");

  constructor(private readonly db: Db) {}

  async put(letter: DeadLetter) {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          pk: DEAD_LETTERS,
          sk: sortKey(letter.lastAttemptAt, `${letter.event.id}#${letter.rule}`),
          json: JSON.stringify(letter),
        },
      }),
    );
  }

  async list() {
    return (await this.page({ limit: 1000 })).items;
  }

  async page(query: { limit: number; cursor?: string }): Promise<Page<DeadLetter>> {
    const page = await queryPage(
      this.db,
      {
        TableName: this.table,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": DEAD_LETTERS },
        ScanIndexForward: false,
      },
      { ...query, keyOf: primaryKey },
    );
    return {
      items: page.items.map((item) => JSON.parse(item.json as string) as DeadLetter),
      next: page.next,
    };
  }
}

function correlationOf(event: Envelope): { correlationId?: string } {
  const id = (event.detail as { metadata?: { correlationId?: unknown } })?.metadata?.correlationId;
  return typeof id === "string" ? { correlationId: id } : {};
}
