import type { EndpointConfig } from "@gyre/core/platform/endpoints/port";
import { type ModelServer, type ServerContext, startModelServer } from "./model-server";
import { FleetStats } from "./stats";

/** The instances of one endpoint config: blue (serving) or green (rolling out). */
export class Fleet {
  readonly stats = new FleetStats();
  weight = 0;
  private next = 0;

  private constructor(
    readonly config: EndpointConfig,
    private readonly servers: ModelServer[],
  ) {}

  /** Starts `instanceCount` servers and waits for each to answer /ping. */
  static async start(config: EndpointConfig, context: ServerContext, pingTimeoutMs: number) {
    const servers: ModelServer[] = [];
    try {
      for (let i = 0; i < config.instanceCount; i++) {
        const name = `${config.configName}-${i + 1}`;
        servers.push(await startModelServer(config.serving, name, context));
      }
      await Promise.all(servers.map((s) => s.ready(pingTimeoutMs)));
      return new Fleet(config, servers);
    } catch (error) {
      await Promise.all(servers.map((s) => s.stop()));
      throw error;
    }
  }

  get variant(): string {
    return `v${this.config.serving.version}`;
  }

  get version(): number {
    return this.config.serving.version;
  }

  get instanceCount(): number {
    return this.servers.length;
  }

  /** The next instance, round robin. */
  port(): number {
    const server = this.servers[this.next++ % this.servers.length] as ModelServer;
    return server.port;
  }

  stop(): Promise<unknown> {
    return Promise.all(this.servers.map((s) => s.stop()));
  }
}
