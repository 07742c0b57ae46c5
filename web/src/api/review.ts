import type { components } from "../api-types";
import { api, ok } from "./client";

type Comparison = components["schemas"]["ModelVersionComparison"];
export type Comment = components["schemas"]["ModelVersionComment"];

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

/** The version's comment thread, oldest first. */
export async function comments(model: string, version: number): Promise<Comment[]> {
  const page = await ok(
    api.GET("/models/{name}/versions/{version}/comments", {
      params: { path: { name: model, version }, query: { limit: 100 } },
    }),
  );
  return page.items;
}

export const addComment = (model: string, version: number, text: string) =>
  ok(
    api.POST("/models/{name}/versions/{version}/comments", {
      params: { path: { name: model, version } },
      body: { text },
    }),
  );

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
