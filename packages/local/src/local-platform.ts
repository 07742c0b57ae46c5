import { join } from "node:path";
import { FileTokenStore } from "@gyre/core/platform/auth/index";
import {
  DynamoArchive,
  DynamoDeadLetters,
  LocalBus,
  type LocalBusOptions,
  localEventLog,
} from "@gyre/core/platform/bus/index";
import { DEFAULT_BUCKET } from "@gyre/core/platform/objects/places";
import { createS3Client } from "@gyre/core/platform/objects/s3-client";
import type { Objects, Platform } from "@gyre/core/platform/platform";
import { createDocumentClient } from "@gyre/core/platform/state/client";
import { LocalBatch, type LocalBatchOptions } from "./batch/index";
import { tokensFile } from "./config";
import { LocalEndpointHost } from "./endpoints/host";
import { forwardedOnly } from "./s3/forwarded";
import { type LocalS3, startLocalS3 } from "./s3/server";
import { startLocalS3Thread } from "./s3/thread";
import { type LocalSchedules, localSchedules } from "./schedules";
import { type LocalDynamo, startLocalDynamo } from "./state/dynalite";
import { type LocalTicks, localTicks } from "./ticks";
import { type LocalTimer, localTimer } from "./timer";

export interface LocalPlatformOptions {
  /** GYRE_HOME: tokens, timers, schedules, Batch jobs, and (unless `inMemory`) DynamoDB and S3. */
  home: string;
  account: string;
  region: string;
  /** Keep DynamoDB in memory (tests); otherwise it persists under `<home>/dynamodb`. */
  inMemory?: boolean;
  /**
   * Start the local S3 on this port (0: any free one), its object events on the bus: those
   * `forward` matches (the pattern stacks/ forwards on AWS), or all of them without one.
   */
  s3?: { host?: string; port: number; bucket: string; forward?: unknown };
  /** Start the local model host (a service declared `endpoints`): model servers run from `cwd`. */
  endpoints?: { cwd: string; log?: (line: string) => void; pingTimeoutMs?: number };
  /** Start the Batch-compatible runner (a service declared `jobs`). */
  batch?: Partial<Pick<LocalBatchOptions, "cwd" | "vcpus" | "memoryMiB" | "gpus" | "log">>;
  bus?: LocalBusOptions;
  /** How often the services' ticks run (0: never; tests call them). */
  tickMs?: number;
  /** The clock recurring schedules are measured on (tests move it). */
  now?: () => Date;
  log?: (line: string) => void;
  /**
   * Run the local DynamoDB and S3 on threads of their own, so their work and the platform's
   * share the machine's cores (the runtime does; a test keeps them on its thread, which
   * starts faster).
   */
  serverThreads?: boolean;
  /** Called if a port is in use, to name it in the error. */
  onPort?: <T>(port: number, variable: string, start: () => Promise<T>) => Promise<T>;
}

/** The platform on one machine, with handles on the stand-ins the runtime starts and stops. */
export interface LocalPlatform extends Platform {
  bus: LocalBus;
  archive: DynamoArchive;
  deadLetters: DynamoDeadLetters;
  dynamo: LocalDynamo;
  s3Server?: LocalS3;
  /** The data bucket (in the local S3, when started). */
  bucket: string;
  batch?: LocalBatch;
  endpointHost?: LocalEndpointHost;
  localTimer: LocalTimer;
  localSchedules: LocalSchedules;
  localTicks: LocalTicks;
  /**
   * Lets the stand-ins that recover state report it: the bus's unfinished deliveries, the
   * Batch runner's lost attempts and unsent events, the endpoints' restart. Call it once the services' rules are on the bus.
   */
  resume(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Every port on its local stand-in: dynalite for state, the in-process bus archiving into it,
 * s3rver for objects, the Batch-compatible runner for jobs, setTimeout for timers and
 * schedules (kept under GYRE_HOME), tokens in a file. Nothing is set process-wide.
 */
export async function localPlatform(options: LocalPlatformOptions): Promise<LocalPlatform> {
  const started: { close(): Promise<void> }[] = [];
  try {
    const dynamo = await startLocalDynamo({
      ...(options.inMemory ? {} : { directory: join(options.home, "dynamodb") }),
      region: options.region,
      thread: options.serverThreads,
    });
    started.push(dynamo);
    const state = createDocumentClient({ endpoint: dynamo.endpoint, region: options.region });
    const archive = new DynamoArchive(state);
    const deadLetters = new DynamoDeadLetters(state);
    const bus = new LocalBus({
      account: options.account,
      region: options.region,
      archive,
      deadLetters,
      ...options.bus,
    });
    started.push(bus);
    const s3Server = options.s3 ? await startS3(options, options.s3, bus) : undefined;
    if (s3Server) started.push(s3Server);
    const bucket = options.s3?.bucket ?? DEFAULT_BUCKET;
    const batch = options.batch
      ? await LocalBatch.open({
          home: options.home,
          account: options.account,
          region: options.region,
          bus,
          s3Endpoint: s3Server?.endpoint,
          bucket,
          ...options.batch,
        })
      : undefined;
    if (batch) started.push(batch);
    const objects = objectsOf(s3Server, bucket, options);
    const endpointHost = options.endpoints
      ? await LocalEndpointHost.start({
          home: options.home,
          account: options.account,
          region: options.region,
          bus,
          s3Endpoint: s3Server?.endpoint,
          s3: s3Server ? objects.s3 : undefined,
          bucket,
          ...options.endpoints,
        })
      : undefined;
    if (endpointHost) started.push(endpointHost);
    const timer = localTimer(options.home, options.log);
    const schedules = localSchedules(options.home, { now: options.now, log: options.log });
    const ticks = localTicks(options.tickMs ?? 0, options.log);
    started.push(timer, schedules, ticks);
    return {
      bus,
      state,
      objects,
      jobs: batch ?? notStarted("jobs", "the Batch-compatible runner"),
      timer,
      schedules,
      endpoints: endpointHost ?? notStarted("endpoints", "the local model host"),
      tokens: new FileTokenStore(tokensFile(options.home)),
      events: localEventLog(bus, archive, deadLetters),
      deadLetters,
      archive,
      dynamo,
      s3Server,
      bucket,
      batch,
      endpointHost,
      localTimer: timer,
      localSchedules: schedules,
      localTicks: ticks,
      async resume() {
        await bus.resume();
        await batch?.resume();
        await endpointHost?.resume();
      },
      close: () => closeAll(started),
    };
  } catch (error) {
    await closeAll(started);
    throw error;
  }
}

function startS3(
  options: LocalPlatformOptions,
  s3: NonNullable<LocalPlatformOptions["s3"]>,
  bus: LocalBus,
): Promise<LocalS3> {
  const start = () =>
    (options.serverThreads ? startLocalS3Thread : startLocalS3)({
      directory: join(options.home, "s3"),
      host: s3.host,
      port: s3.port,
      bucket: s3.bucket,
      account: options.account,
      region: options.region,
      publish: forwardedOnly(s3.forward, (entries) => bus.putEvents(entries)),
    });
  return options.onPort ? options.onPort(s3.port, "GYRE_S3_PORT", start) : start();
}

function objectsOf(
  server: LocalS3 | undefined,
  bucket: string,
  options: LocalPlatformOptions,
): Objects {
  if (!server) return notStarted("objects", "the local S3");
  return {
    s3: createS3Client({ endpoint: server.endpoint, region: options.region }),
    bucket,
  };
}

/** A port this platform was started without: using it is a wiring mistake, said plainly. */
function notStarted<T extends object>(port: string, what: string): T {
  return new Proxy({} as T, {
    get(_, property) {
      if (property === "then") return undefined;
      throw new Error(`The ${port} port was used, but this platform was started without ${what}.`);
    },
  });
}

async function closeAll(started: { close(): Promise<void> }[]): Promise<void> {
  for (const part of [...started].reverse()) await part.close().catch(() => {});
}
