import type { PutEventsEntry } from "@gyre/events";
import type { LocalS3Options } from "./server";

/** What the local S3's thread is started with: its options, less the publisher that stays here. */
export type ThreadOptions = Omit<LocalS3Options, "publish">;

/** From the thread: it listens, it could not start, or it asks for entries to be published. */
export type FromThread =
  | { type: "listening"; endpoint: string; port: number }
  | { type: "failed"; message: string; code?: string }
  | { type: "publish"; id: number; entries: PutEventsEntry[] };

/** To the thread: how a publication went, or that it should close. */
export type ToThread =
  | { type: "published"; id: number; result?: unknown; error?: string }
  | { type: "close" };
