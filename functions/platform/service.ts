import type { Service } from "../wiring";

/** /health, and the API reference of every service's routes. */
export const platform: Service = {
  name: "platform",
  api: {
    prefixes: [],
    routes: ["GET /health", "GET /openapi.json", "GET /docs"],
    handler: "functions/platform/api.ts",
  },
};
