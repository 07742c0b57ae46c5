import type { components } from "../api-types";
import { api, ok } from "./client";

export type ModelVersion = components["schemas"]["ModelVersion"];

/**
 * The versions awaiting a decision, across models: one page of models, then each model's
 * pending versions (the registry's own status filter). GET /approvals replaces this when it lands.
 */
export interface Queue {
  items: ModelVersion[];
  /** More versions wait than these: the list is paged, not loaded whole. */
  more: boolean;
}

export async function pendingVersions(): Promise<Queue> {
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
  return {
    items: pages.flatMap((p) => p.items),
    more: Boolean(models.next) || pages.some((p) => p.next),
  };
}
