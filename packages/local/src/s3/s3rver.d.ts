declare module "s3rver" {
  import { EventEmitter } from "node:events";
  import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
  import type { Readable } from "node:stream";

  export interface S3rverOptions {
    directory: string;
    silent?: boolean;
    allowMismatchedSignatures?: boolean;
    configureBuckets?: { name: string }[];
  }

  export type ObjectMetadata = Record<string, string>;

  export interface S3rverStore {
    getResourcePath(bucket: string, key: string, resource: string): string;
    deleteObject(bucket: string, key: string): Promise<void>;
    copyObject(
      sourceBucket: string,
      sourceKey: string,
      bucket: string,
      key: string,
      replacementMetadata: IncomingHttpHeaders | null,
    ): Promise<ObjectMetadata>;
  }

  /** The parts of s3rver's Koa context that Gyre reads or replaces. */
  export interface S3rverContext {
    method: string;
    /** The request's path, still percent-encoded. */
    path: string;
    ip: string;
    status: number;
    headers: IncomingHttpHeaders;
    query: Record<string, string | string[] | undefined>;
    params?: { bucket?: string; key?: string };
    req: Readable;
    store: S3rverStore;
    set(field: string, value: string): void;
  }

  export type S3rverMiddleware = (
    context: S3rverContext,
    next: () => Promise<void>,
  ) => Promise<void>;

  /** One `'event'` record, in the shape of an S3 event notification record. */
  export interface S3rverEventRecord {
    eventName: string;
    requestParameters: { sourceIPAddress: string };
    s3: {
      bucket: { name: string };
      object: { key: string; size?: number; eTag?: string; sequencer: string };
    };
  }

  export interface S3rverEvent {
    Records: S3rverEventRecord[];
  }

  export default class S3rver extends EventEmitter {
    constructor(options: S3rverOptions);
    readonly store: S3rverStore;
    readonly middleware: S3rverMiddleware[];
    readonly logger: { close(): void };
    configureBuckets(): Promise<void>;
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
  }
}

declare module "s3rver/lib/models/error.js" {
  export default class S3Error extends Error {
    constructor(code: string, message: string, detail?: Record<string, unknown>);
  }
}

declare module "s3rver/lib/models/account.js" {
  interface AWSAccount {
    readonly id: number;
  }
  const AWSAccount: {
    registry: Map<string, AWSAccount>;
    DUMMY_ACCOUNT: AWSAccount;
  };
  export default AWSAccount;
}
