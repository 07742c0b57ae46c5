import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import S3rver, { type S3rverEvent } from "s3rver";
import { createAnnouncer } from "./announcer";
import { acceptAnyAccessKey } from "./any-credentials";
import { observeRequests } from "./observe-requests";
import type { Publish } from "./publisher";
import { currentRequest } from "./request-context";
import { changeFromRecord } from "./s3rver-records";
import { observeStore } from "./store-hooks";

export interface LocalS3Options {
  /** Where s3rver keeps objects (under GYRE_HOME). */
  directory: string;
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** Created if missing, kept if present. */
  bucket: string;
  /** The account reported as `requester`. */
  account: string;
  region: string;
  publish: Publish;
}

export interface LocalS3 {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The local S3: s3rver on `host:port`, and for every object created or deleted in it the
 * `aws.s3` event Amazon S3 sends to EventBridge, published in the order s3rver reports them.
 */
export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  acceptAnyAccessKey();
  const s3rver = new S3rver({
    directory: options.directory,
    silent: true,
    allowMismatchedSignatures: true,
    configureBuckets: [{ name: options.bucket }],
  });
  await s3rver.configureBuckets();

  const { announce, drain } = createAnnouncer(options);
  observeStore(s3rver.store, (bucket, key) => announce({ type: "deleted", bucket, key }));
  s3rver.on("event", (event: S3rverEvent) => {
    for (const record of event.Records) {
      const change = changeFromRecord(record, currentRequest.getStore());
      if (change) announce(change);
    }
  });
  s3rver.middleware.unshift(observeRequests());

  const server = createServer(s3rver.callback());
  const host = options.host ?? "127.0.0.1";
  const port = await listen(server, options.port, host).catch((error: unknown) => {
    s3rver.logger.close();
    throw error;
  });
  return {
    endpoint: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    close: async () => {
      await closeServer(server);
      await drain();
      s3rver.logger.close();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
