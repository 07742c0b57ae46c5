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
    const reports = await ok(
      api.GET("/monitors/{id}/reports", { params: { path: { id: m.id }, query: { limit: 100 } } }),
    );
    const drifted = reports.items.filter((r) => r.datasetDrift).length;
    nodes.push({
      kind: "report",
      label: `drift reports on ${m.endpoint}`,
      detail: `${reports.items.length}${reports.next ? "+" : ""} reports, ${drifted} with drift`,
      href: `/monitoring/${m.id}`,
    });
  }
  return [...nodes, ...(await retrains(v))];
}

/** The runs drift started on the same trip round the loop as the version (its correlationId). */
async function retrains(v: {
  pipeline: string | null;
  correlationId: string | null;
}): Promise<LineageNode[]> {
  if (!v.pipeline || !v.correlationId) return [];
  const runs = await optional(
    ok(api.GET("/runs", { params: { query: { pipeline: v.pipeline, limit: 100 } } })),
    { items: [], next: null },
  );
  return runs.items
    .filter((r) => r.trigger === "drift" && r.cause.correlationId === v.correlationId)
    .map((r) => ({
      kind: "retrain" as const,
      label: r.id,
      detail: `retrain: ${r.status}`,
      href: `/runs/${r.id}`,
    }));
}
