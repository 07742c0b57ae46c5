import type { AddressInfo } from "node:net";
import { Worker } from "node:worker_threads";
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { localCredentials } from "@gyre/core/platform/state/client";
import { tableDefinition, tables } from "@gyre/core/platform/state/tables";
import dynalite from "dynalite";

export interface LocalDynamo {
  endpoint: string;
  close(): Promise<void>;
}

interface Listening {
  port: number;
  close(): Promise<void>;
}

/**
 * Starts dynalite on an ephemeral loopback port, in this thread or (`thread`) on a worker
 * thread of its own: persisted under `directory` when given, in memory otherwise. Creates
 * Gyre's tables if missing.
 */
export async function startLocalDynamo(options: {
  directory?: string;
  region: string;
  thread?: boolean;
}): Promise<LocalDynamo> {
  const server = await (options.thread ? onThread : here)(options.directory);
  const endpoint = `http://127.0.0.1:${server.port}`;
  await ensureTables(
    new DynamoDBClient({ endpoint, region: options.region, credentials: localCredentials }),
  );
  return { endpoint, close: server.close };
}

async function here(path: string | undefined): Promise<Listening> {
  const server = dynalite({ ...(path ? { path } : {}), createTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function onThread(path: string | undefined): Promise<Listening> {
  const worker = new Worker(new URL("./dynalite-worker.mjs", import.meta.url), {
    workerData: { path },
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once("error", reject);
    worker.once("message", (message: { port?: number; error?: string }) =>
      message.port ? resolve(message.port) : reject(new Error(message.error)),
    );
  });
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return {
    port,
    close: () => {
      worker.postMessage("close");
      return exited;
    },
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
