import { DeleteCommand, GetCommand, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "../state/client";
import { isConditionFailure } from "../state/keys";
import { tableName } from "../state/tables";
import { byName, duplicateName, sameHash, TokenRecord, type TokenStore } from "./tokens";

/** Token hashes in the tokens table (on AWS): one item by hash, one by name to keep names unique. */
export class DynamoTokenStore implements TokenStore {
  private readonly table = tableName("tokens");

  constructor(private readonly db: Db) {}

  async findByHash(sha256: string) {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { pk: `hash#${sha256}`, sk: "token" } }),
    );
    if (!Item) return undefined;
    const record = TokenRecord.parse(Item.record);
    // The key lookup found it; the stored hash is still compared in constant time.
    return sameHash(record.sha256, sha256) ? record : undefined;
  }

  async add(record: TokenRecord) {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: `name#${record.name}`, sk: "token", sha256: record.sha256 },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw duplicateName(record.name);
      throw error;
    }
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { pk: `hash#${record.sha256}`, sk: "token", record },
      }),
    );
  }

  /** A scan: the table holds only tokens, a few items per person or pipeline. */
  async list() {
    const records: TokenRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new ScanCommand({
          TableName: this.table,
          FilterExpression: "begins_with(pk, :hash)",
          ExpressionAttributeValues: { ":hash": "hash#" },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) records.push(TokenRecord.parse(item.record));
      start = page.LastEvaluatedKey;
    } while (start);
    return records.sort(byName);
  }

  /** The hash goes first, so the token is refused before its name is free again. */
  async revoke(name: string) {
    const key = { pk: `name#${name}`, sk: "token" };
    const { Item } = await this.db.send(new GetCommand({ TableName: this.table, Key: key }));
    if (!Item) return undefined;
    const { Attributes } = await this.db.send(
      new DeleteCommand({
        TableName: this.table,
        Key: { pk: `hash#${Item.sha256}`, sk: "token" },
        ReturnValues: "ALL_OLD",
      }),
    );
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: key }));
    return Attributes ? TokenRecord.parse(Attributes.record) : undefined;
  }
}
