import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "../state/client";
import { isConditionFailure } from "../state/keys";
import { tableName } from "../state/tables";
import { duplicateName, TokenRecord, type TokenStore } from "./tokens";

/** Token hashes in the tokens table (on AWS): one item by hash, one by name to keep names unique. */
export class DynamoTokenStore implements TokenStore {
  private readonly table = tableName("tokens");

  constructor(private readonly db: Db) {}

  async findByHash(sha256: string) {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { pk: `hash#${sha256}`, sk: "token" } }),
    );
    return Item ? TokenRecord.parse(Item.record) : undefined;
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
}
