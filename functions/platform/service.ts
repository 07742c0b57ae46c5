import type { Service } from "../wiring";

/** /health, /whoami, and the API reference of every service's routes. */
export const platform: Service = {
  name: "platform",
  api: {
    prefixes: [],
    routes: ["GET /health", "GET /openapi.json", "GET /docs", "GET /whoami"],
    handler: "functions/platform/api.ts",
  },
};
