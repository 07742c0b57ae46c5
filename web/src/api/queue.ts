import type { components } from "../api-types";
import { api, ok } from "./client";

export type ModelVersion = components["schemas"]["ModelVersion"];

export interface Queue {
  items: ModelVersion[];
  /** The cursor of the next page: the queue is paged, never loaded whole. */
  next: string | null;
}

/** One page of the versions awaiting approval, across models (GET /approvals). */
export async function pendingVersions(cursor?: string, limit = 50): Promise<Queue> {
  const page = await ok(api.GET("/approvals", { params: { query: { limit, cursor } } }));
  return { items: page.items.map((a) => a.version), next: page.next ?? null };
}
