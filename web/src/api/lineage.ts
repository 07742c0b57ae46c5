import { ApiError, api, ok, untyped } from "./client";

export interface LineageNode {
  kind: "dataset" | "run" | "version" | "deployment" | "report" | "retrain";
  label: string;
  detail: string;
  href?: string;
}

const optional = async <T>(load: Promise<T>, fallback: T) => {
  try {
    return await load;
  } catch (error) {
    if (error instanceof ApiError && (error.absent || error.status === 404)) return fallback;
    throw error;
  }
};

/**
 * The version's lineage from the registry's lineage route when it is served; until then, read
 * from the version itself and the deployment and monitoring lists (only what they say, matched by
 * model and version).
 */
export async function lineage(model: string, version: number): Promise<LineageNode[]> {
  const served = await optional(
    untyped<{ nodes: LineageNode[] }>(
      `/models/${encodeURIComponent(model)}/versions/${version}/lineage`,
    ),
    null,
  );
  if (served?.nodes) return served.nodes;
  const v = await ok(
    api.GET("/models/{name}/versions/{version}", { params: { path: { name: model, version } } }),
  );
  const nodes: LineageNode[] = [];
  if (v.dataset) {
    nodes.push({
      kind: "dataset",
      label: `${v.dataset.name} v${v.dataset.version}`,
      detail: `sha256 ${v.dataset.sha256.slice(0, 16)}…`,
      href: `/datasets/${v.dataset.name}`,
    });
  }
  if (v.runId)
    nodes.push({ kind: "run", label: v.runId, detail: v.pipeline ?? "", href: `/runs/${v.runId}` });
  nodes.push({ kind: "version", label: `${model} v${version}`, detail: v.status });
  const deployments = await optional(
    ok(api.GET("/deployments", { params: { query: { limit: 100 } } })),
    { items: [], next: null },
  );
  for (const d of deployments.items.filter((d) => d.model === model && d.version === version)) {
    nodes.push({
      kind: "deployment",
      label: d.endpoint,
      detail: `${d.id}: ${d.status}`,
      href: `/endpoints/${d.endpoint}`,
    });
  }
  const monitors = await optional(ok(api.GET("/monitors", { params: { query: { limit: 100 } } })), {
    items: [],
    next: null,
  });
  for (const m of monitors.items.filter((m) => m.model === model && m.version === version)) {
    nodes.push({
      kind: "report",
      label: `monitor ${m.endpoint}`,
      detail: m.id,
      href: `/monitoring/${m.id}`,
    });
  }
  return nodes;
}
