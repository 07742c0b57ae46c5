import type { components } from "../api-types";
import { ApiError, api, ok, untyped } from "./client";

type Comparison = components["schemas"]["ModelVersionComparison"];
export interface Comment {
  id?: string;
  actor: string;
  at: string;
  text: string;
}

/** What a reviewer needs about one version: it, its model's policy and aliases, and the champion diff. */
export async function review(model: string, version: number) {
  const path = { name: model, version };
  const [detail, modelDetail] = await Promise.all([
    ok(api.GET("/models/{name}/versions/{version}", { params: { path } })),
    ok(api.GET("/models/{name}", { params: { path: { name: model } } })),
  ]);
  const champion = modelDetail.aliases.champion;
  const comparison: Comparison | null =
    champion !== undefined && champion !== version
      ? await ok(
          api.GET("/models/{name}/versions/{a}/compare/{b}", {
            params: { path: { name: model, a: champion, b: version } },
          }),
        )
      : null;
  return { version: detail, model: modelDetail, champion: champion ?? null, comparison };
}

/** The version's comment thread; null where the registry does not serve comments yet. */
export async function comments(model: string, version: number): Promise<Comment[] | null> {
  try {
    const page = await untyped<{ items: Comment[] }>(
      `/models/${encodeURIComponent(model)}/versions/${version}/comments`,
    );
    return page.items;
  } catch (error) {
    if (error instanceof ApiError && error.absent) return null;
    throw error;
  }
}

export const addComment = (model: string, version: number, text: string) =>
  untyped(`/models/${encodeURIComponent(model)}/versions/${version}/comments`, {
    method: "POST",
    body: JSON.stringify({ text }),
  });

export function decide(
  decision: "approve" | "reject",
  model: string,
  version: number,
  comment: string,
) {
  const params = { path: { name: model, version } };
  return decision === "approve"
    ? ok(
        api.POST("/models/{name}/versions/{version}/approve", {
          params,
          body: comment ? { comment } : {},
        }),
      )
    : ok(api.POST("/models/{name}/versions/{version}/reject", { params, body: { comment } }));
}
