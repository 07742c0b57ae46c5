import { DatasetName, DatasetSummary, VersionInfo } from "@gyre/core/datasets/index";
import { z } from "@hono/zod-openapi";

// The domain's schemas are plain zod (no .openapi()); the route schemas wrap them.
export const NameParam = z.object({ name: DatasetName });

const versionNumber = z.coerce.number().int().positive().openapi({ example: 1 });

export const VersionParams = NameParam.extend({ version: versionNumber });
export const CompareParams = NameParam.extend({ a: versionNumber, b: versionNumber });

export const Version = VersionInfo;
export const Dataset = DatasetSummary;

export const VersionWithProfile = z
  .object({
    ...VersionInfo.shape,
    profile: z
      .unknown()
      .nullable()
      .openapi({ description: "per-column profile; see docs/datasets-profile.md" }),
  })
  .openapi("DatasetVersionWithProfile");

export const Comparison = z
  .object({ dataset: z.string(), from: Version, to: Version, comparison: z.unknown() })
  .openapi("DatasetVersionComparison");

export const RegisterBody = z
  .object({
    uri: z.string().openapi({
      example: "s3://gyre-data/raw/2026/churn.csv",
      description: "an object in the bucket, or a folder ending in /",
    }),
  })
  .openapi("RegisterDatasetVersion");
