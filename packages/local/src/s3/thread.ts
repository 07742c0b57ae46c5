import { Worker } from "node:worker_threads";
import type { LocalS3, LocalS3Options } from "./server";
import type { FromThread, ToThread } from "./thread-messages";

/**
 * Starts the local S3 (startLocalS3) on a worker thread: the same server, events and
 * answers, with its work on the machine's other core. Its object events are published
 * here, through `options.publish`; a failure to listen (EADDRINUSE) rejects as it would.
 */
export function startLocalS3Thread(options: LocalS3Options): Promise<LocalS3> {
  const { publish, ...threadOptions } = options;
  const worker = new Worker(new URL("./thread-entry.mjs", import.meta.url), {
    workerData: threadOptions,
  });
  const send = (message: ToThread) => worker.postMessage(message);
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    worker.once("error", reject);
    worker.on("message", async (message: FromThread) => {
      if (message.type === "publish") {
        try {
          send({ type: "published", id: message.id, result: await publish(message.entries) });
        } catch (error) {
          send({ type: "published", id: message.id, error: messageOf(error) });
        }
      } else if (message.type === "failed") {
        reject(Object.assign(new Error(message.message), { code: message.code }));
      } else {
        resolve({
          endpoint: message.endpoint,
          port: message.port,
          close: () => {
            send({ type: "close" });
            return exited;
          },
        });
      }
    });
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
