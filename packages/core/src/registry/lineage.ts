import * as z from "zod";
import type { RegistryReads } from "./deps";
import { DatasetLineage, ModelVersionStatus, VersionDeployment } from "./model";
import { getVersion } from "./queries";
import { registryStore as store } from "./store";

export const Lineage = z.object({
  model: z.string(),
  version: z.number().int().positive(),
  status: ModelVersionStatus,
  artifactUri: z.string(),
  dataset: DatasetLineage.nullable(),
  run: z
    .object({
      id: z.string(),
      pipeline: z.string().nullable(),
      image: z.string().nullable(),
      metrics: z.record(z.string(), z.number()),
      hyperparameters: z.record(z.string(), z.unknown()),
    })
    .nullable()
    .describe("null for a version registered without a run"),
  driftReportId: z
    .string()
    .nullable()
    .describe(
      "the monitoring report (GET /reports/{id}) whose drift caused the retrain, if drift did",
    ),
  deployments: z.array(VersionDeployment).describe("oldest first"),
  correlationId: z
    .string()
    .nullable()
    .describe("the trip that made it: GET /events?correlationId= shows the drift that caused it"),
});
export type Lineage = z.infer<typeof Lineage>;

/** What the registry knows of where a version came from and where it went. */
export async function lineage(
  model: string,
  number: number,
  deps: RegistryReads,
): Promise<Lineage> {
  const version = await getVersion(model, number, deps);
  const deployments = await store(deps.state).listDeployments(model, number);
  return {
    model,
    version: number,
    status: version.status,
    artifactUri: version.artifactUri,
    dataset: version.dataset,
    run: version.runId
      ? {
          id: version.runId,
          pipeline: version.pipeline,
          image: version.image,
          metrics: version.metrics,
          hyperparameters: version.hyperparameters,
        }
      : null,
    driftReportId: version.driftReportId,
    deployments: deployments.sort((a, b) => a.at.localeCompare(b.at)),
    correlationId: version.correlationId,
  };
}
