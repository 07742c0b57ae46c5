import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";

type Fetch = (request: Request) => Response | Promise<Response>;

export interface HttpServer {
  port: number;
  close(): Promise<void>;
}

/** Serves `fetch` on host:port; rejects with the listen error (EADDRINUSE) instead of crashing. */
export function listen(fetch: Fetch, host: string, port: number): Promise<HttpServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname: host, port }, (info: AddressInfo) =>
      resolve({
        port: info.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    );
    server.once("error", reject);
  });
}
