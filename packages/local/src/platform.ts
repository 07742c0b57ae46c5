import { existsSync } from "node:fs";
import { join } from "node:path";
import { FileTokenStore } from "@gyre/core/platform/auth/index";
import {
  DynamoArchive,
  DynamoDeadLetters,
  LocalBus,
  localEventLog,
} from "@gyre/core/platform/bus/index";
import { usePublisher } from "@gyre/core/platform/bus/publisher";
import { datasetsApi } from "@gyre/functions/datasets/api";
import { eventsApi } from "@gyre/functions/events/api";
import { platformApi } from "@gyre/functions/platform/api";
import { registryApi } from "@gyre/functions/registry/api";
import { subscriptions } from "@gyre/functions/subscriptions";
import { trainingApi } from "@gyre/functions/training/api";
import { type LocalConfig, tokensFile } from "./config";
import { type HttpServer, listen } from "./http/serve";
import { rulesFromSubscriptions } from "./rules";
import { type LocalS3, startLocalS3 } from "./s3/server";
import { type LocalDynamo, startLocalDynamo } from "./state/dynalite";
import { startLocalTraining } from "./training";

export interface RunningPlatform {
  api: HttpServer;
  s3: LocalS3;
  dynamo: LocalDynamo;
  bus: LocalBus;
  /** The example pipeline was registered on this (fresh) GYRE_HOME. */
  seededExample: boolean;
  stop(): Promise<void>;
}

export class PortInUseError extends Error {}

/** Starts everything `npm start` runs: dynalite, the bus and its rules, s3rver, and the HTTP API. */
export async function startPlatform(
  config: LocalConfig,
  repoRoot: string,
): Promise<RunningPlatform> {
  const started: { close(): Promise<void> }[] = [];
  try {
    const fresh = !existsSync(join(config.home, "dynamodb"));
    const dynamo = await startLocalDynamo({
      directory: join(config.home, "dynamodb"),
      region: config.region,
    });
    started.push(dynamo);
    process.env.GYRE_DYNAMODB_ENDPOINT = dynamo.endpoint;

    const archive = new DynamoArchive();
    const deadLetters = new DynamoDeadLetters();
    const bus = new LocalBus({
      account: config.account,
      region: config.region,
      archive,
      deadLetters,
    });
    started.push(bus);
    usePublisher(bus);
    for (const rule of await rulesFromSubscriptions(subscriptions, repoRoot)) bus.addRule(rule);

    const s3 = await onPort(config.s3Port, "GYRE_S3_PORT", () =>
      startLocalS3({
        directory: join(config.home, "s3"),
        host: config.host,
        port: config.s3Port,
        bucket: config.bucket,
        account: config.account,
        region: config.region,
        publish: (entries) => bus.putEvents(entries),
      }),
    );
    started.push(s3);
    process.env.GYRE_S3_ENDPOINT = s3.endpoint;
    process.env.GYRE_BUCKET = config.bucket;

    const training = await startLocalTraining(config, repoRoot, { fresh });
    started.push(training);

    const tokens = new FileTokenStore(tokensFile(config.home));
    const app = platformApi([
      eventsApi({ tokens, events: localEventLog(bus, archive, deadLetters) }),
      datasetsApi({ tokens }),
      trainingApi({ tokens }),
      registryApi({ tokens }),
    ]);
    const api = await onPort(config.port, "GYRE_PORT", () =>
      listen(app.fetch, config.host, config.port),
    );
    started.push(api);

    return { api, s3, dynamo, bus, seededExample: training.seeded, stop: () => closeAll(started) };
  } catch (error) {
    await closeAll(started);
    throw error;
  }
}

async function onPort<T>(port: number, variable: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new PortInUseError(
        `Port ${port} is in use: stop what uses it, or set ${variable} to a free port.`,
      );
    }
    throw error;
  }
}

async function closeAll(started: { close(): Promise<void> }[]): Promise<void> {
  for (const part of started.reverse()) await part.close().catch(() => {});
}
