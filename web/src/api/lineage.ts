import type { components } from "../api-types";
import { ApiError, api, ok } from "./client";

type Lineage = components["schemas"]["ModelVersionLineage"];

export interface LineageNode {
  kind: "dataset" | "run" | "version" | "deployment" | "report" | "retrain";
  label: string;
  detail: string;
  href?: string;
}

/** What another service would have said, or `fallback` where that service is not running. */
const optional = async <T>(load: Promise<T>, fallback: T) => {
  try {
    return await load;
  } catch (error) {
    if (error instanceof ApiError && error.absent) return fallback;
    throw error;
  }
};

/**
 * dataset version → run → version → deployments, from the registry's lineage route; then the
 * drift reports of the version's monitors and the retrains drift started on the same trip.
 */
export async function lineage(model: string, version: number): Promise<LineageNode[]> {
  const l = await ok(
    api.GET("/models/{name}/versions/{version}/lineage", {
      params: { path: { name: model, version } },
    }),
  );
  return [...registryNodes(l), ...(await reportNodes(model, version)), ...(await retrains(l))];
}

function registryNodes(l: Lineage): LineageNode[] {
  const nodes: LineageNode[] = [];
  if (l.dataset) {
    nodes.push({
      kind: "dataset",
      label: `${l.dataset.name} v${l.dataset.version}`,
      detail: `sha256 ${l.dataset.sha256.slice(0, 16)}…`,
      href: `/datasets/${l.dataset.name}`,
    });
  }
  if (l.run)
    nodes.push({
      kind: "run",
      label: l.run.id,
      detail: l.run.pipeline ?? "",
      href: `/runs/${l.run.id}`,
    });
  if (l.driftReportId)
    nodes.push({
      kind: "report",
      label: `drift report ${l.driftReportId}`,
      detail: "the drift that caused this retrain",
      href: `/monitoring/reports/${l.driftReportId}`,
    });
  nodes.push({ kind: "version", label: `${l.model} v${l.version}`, detail: l.status });
  for (const d of l.deployments) {
    const restored = d.restoredVersion === null ? "" : `, v${d.restoredVersion} restored`;
    nodes.push({
      kind: "deployment",
      label: d.endpoint,
      detail: `${d.deploymentId}: ${d.outcome}${restored}`,
      href: `/endpoints/${d.endpoint}`,
    });
  }
  return nodes;
}

async function reportNodes(model: string, version: number): Promise<LineageNode[]> {
  const monitors = await optional(ok(api.GET("/monitors", { params: { query: { limit: 100 } } })), {
    items: [],
    next: null,
  });
  const nodes: LineageNode[] = [];
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
  return nodes;
}

/** The runs drift started on the same trip round the loop as the version (its correlationId). */
async function retrains(l: Lineage): Promise<LineageNode[]> {
  const pipeline = l.run?.pipeline;
  if (!pipeline || !l.correlationId) return [];
  const runs = await optional(
    ok(api.GET("/runs", { params: { query: { pipeline, limit: 100 } } })),
    {
      items: [],
      next: null,
    },
  );
  return runs.items
    .filter((r) => r.trigger === "drift" && r.cause.correlationId === l.correlationId)
    .map((r) => ({
      kind: "retrain" as const,
      label: r.id,
      detail: `retrain: ${r.status}`,
      href: `/runs/${r.id}`,
    }));
}
