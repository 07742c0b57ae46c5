import type { components } from "../api-types";
import { api, ok } from "./client";

export type ModelVersion = components["schemas"]["ModelVersion"];

/**
 * The versions awaiting a decision, across models: one page of models, then each model's
 * pending versions (the registry's own status filter). GET /approvals replaces this when it lands.
 */
export async function pendingVersions(): Promise<ModelVersion[]> {
  const models = await ok(api.GET("/models", { params: { query: { limit: 100 } } }));
  const pages = await Promise.all(
    models.items.map((m) =>
      ok(
        api.GET("/models/{name}/versions", {
          params: {
            path: { name: m.name },
            query: { status: "PendingManualApproval", limit: 100 },
          },
        }),
      ),
    ),
  );
  return pages.flatMap((p) => p.items);
}
