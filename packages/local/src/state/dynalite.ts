import type { AddressInfo } from "node:net";
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { localCredentials } from "@gyre/core/platform/state/client";
import { tableDefinition, tables } from "@gyre/core/platform/state/tables";
import dynalite from "dynalite";

export interface LocalDynamo {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * Starts dynalite in this process, on an ephemeral loopback port: persisted under
 * `directory` when given, in memory otherwise. Creates Gyre's tables if missing.
 */
export async function startLocalDynamo(options: {
  directory?: string;
  region: string;
}): Promise<LocalDynamo> {
  const server = dynalite({
    ...(options.directory ? { path: options.directory } : {}),
    createTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await ensureTables(
    new DynamoDBClient({ endpoint, region: options.region, credentials: localCredentials }),
  );
  return {
    endpoint,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function ensureTables(client: DynamoDBClient): Promise<void> {
  const { TableNames = [] } = await client.send(new ListTablesCommand({}));
  for (const owner of tables) {
    const definition = tableDefinition(owner);
    if (!TableNames.includes(definition.TableName as string))
      await client.send(new CreateTableCommand(definition));
  }
  client.destroy();
}
