/**
 * Every service's HTTP API: the path prefixes it owns and its Lambda handler.
 * stacks/ routes each prefix to the function through API Gateway; the local
 * runtime mounts the same hono apps in one server.
 */
export interface ServiceApi {
  service: "events" | "datasets" | "training" | "registry" | "deployment" | "monitoring";
  /** API Gateway routes `<prefix>` and `<prefix>/{proxy+}` to the handler. */
  prefixes: string[];
  /** Path of the module from the repository root; it exports `handler`. */
  handler: string;
}

export const apis: ServiceApi[] = [
  { service: "events", prefixes: ["/events"], handler: "functions/events/api.ts" },
];
