import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { LocalBus } from "@gyre/core/platform/bus/index";
import { createS3Client } from "@gyre/core/platform/objects/s3-client";
import type { Envelope } from "@gyre/events";
import { type LocalS3, type LocalS3Options, startLocalS3 } from "../src/s3/server";

export const BUCKET = "gyre-data";
export const ACCOUNT = "111122223333";
export const REGION = "eu-west-1";

export interface S3Harness {
  s3: LocalS3;
  directory: string;
  /** The objects port as Gyre's code builds it, pointed at the local S3. */
  client: S3Client;
  /** Every `aws.s3` event delivered so far, once the bus has drained. */
  events(): Promise<Envelope[]>;
  /** Stops the server and starts a new one on the same directory. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(overrides: Partial<LocalS3Options> = {}): Promise<S3Harness> {
  const directory = await mkdtemp(join(tmpdir(), "gyre-s3-test-"));
  const bus = new LocalBus({ account: ACCOUNT, region: REGION });
  const delivered: Envelope[] = [];
  bus.addRule({
    name: "s3-events",
    pattern: { source: ["aws.s3"] },
    target: (event) => void delivered.push(event),
  });
  const start = () =>
    startLocalS3({
      directory,
      port: 0,
      bucket: BUCKET,
      account: ACCOUNT,
      region: REGION,
      publish: (entries) => bus.putEvents(entries),
      ...overrides,
    });

  const harness: S3Harness = {
    s3: await start(),
    directory,
    client: undefined as unknown as S3Client,
    events: async () => {
      await bus.drain();
      return delivered;
    },
    restart: async () => {
      harness.client.destroy();
      await harness.s3.close();
      harness.s3 = await start();
      harness.client = clientFor(harness.s3);
    },
    close: async () => {
      harness.client.destroy();
      await harness.s3.close();
      await bus.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
  harness.client = clientFor(harness.s3);
  return harness;
}

function clientFor(s3: LocalS3): S3Client {
  return createS3Client({ endpoint: s3.endpoint });
}

export function md5(data: string | Buffer): string {
  return createHash("md5").update(data).digest("hex");
}

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
