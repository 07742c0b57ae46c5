import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";

type Fetch = (request: Request) => Response | Promise<Response>;

export interface HttpServer {
  port: number;
  close(): Promise<void>;
}

/** How long requests under way may finish on close; then open streams (GET /events/stream) are cut. */
const CLOSE_GRACE_MS = 1000;

/** Serves `fetch` on host:port; rejects with the listen error (EADDRINUSE) instead of crashing. */
export function listen(fetch: Fetch, host: string, port: number): Promise<HttpServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname: host, port }, (info: AddressInfo) =>
      resolve({
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            const cut = setTimeout(() => (server as Server).closeAllConnections(), CLOSE_GRACE_MS);
            server.close(() => {
              clearTimeout(cut);
              done();
            });
          }),
      }),
    );
    server.once("error", reject);
  });
}
