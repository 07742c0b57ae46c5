import { parentPort, workerData } from "node:worker_threads";
import type { PutEventsEntry } from "@gyre/events";
import { type LocalS3, startLocalS3 } from "./server";
import type { FromThread, ThreadOptions, ToThread } from "./thread-messages";

/**
 * The local S3 on its own thread: s3rver's request handling and file system work run beside
 * the platform's code instead of between it. Object events go back to the platform's bus
 * (an answer waits until its events are published, as on one thread).
 */
const port = parentPort as NonNullable<typeof parentPort>;
const send = (message: FromThread) => port.postMessage(message);
const waiting = new Map<
  number,
  { resolve: (result: unknown) => void; reject: (e: Error) => void }
>();
let nextId = 0;

function publish(entries: PutEventsEntry[]): Promise<unknown> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    send({ type: "publish", id, entries });
  });
}

let server: LocalS3 | undefined;
port.on("message", async (message: ToThread) => {
  if (message.type === "published") {
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error === undefined) pending?.resolve(message.result);
    else pending?.reject(new Error(message.error));
  } else if (message.type === "close") {
    await server?.close();
    port.close();
  }
});

try {
  server = await startLocalS3({ ...(workerData as ThreadOptions), publish });
  send({ type: "listening", endpoint: server.endpoint, port: server.port });
} catch (error) {
  const { message, code } = error as NodeJS.ErrnoException;
  send({ type: "failed", message, code });
  port.close();
}
