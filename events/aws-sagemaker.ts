import * as z from "zod";
import { defineEvent } from "./define";

export const source = "aws.sagemaker";

/** DescribeEndpoint's spelling of an endpoint's status. */
export const EndpointStatus = z.enum([
  "OutOfService",
  "Creating",
  "Updating",
  "SystemUpdating",
  "RollingBack",
  "InService",
  "Deleting",
  "Failed",
  "UpdateRollbackFailed",
]);
export type EndpointStatus = z.infer<typeof EndpointStatus>;

/** `InService` → `IN_SERVICE`: how the developer guide's example events spell it. */
const documented = (status: EndpointStatus) =>
  status.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();

const spellings = new Map<string, EndpointStatus>(
  EndpointStatus.options.flatMap((status) => [
    [status, status],
    [documented(status), status],
  ]),
);

/** Either spelling: the API's (`InService`) or the one AWS's example events show (`IN_SERVICE`). */
export const ReportedEndpointStatus = z
  .enum([...spellings.keys()] as [string, ...string[]])
  .describe("DescribeEndpoint's EndpointStatus, or the same in upper snake case (IN_SERVICE)");

/** The one place the two spellings meet: an event's status as DescribeEndpoint spells it. */
export function endpointStatusOf(detail: { EndpointStatus: string }): EndpointStatus {
  const status = spellings.get(detail.EndpointStatus);
  if (!status) throw new Error(`Unknown SageMaker endpoint status ${detail.EndpointStatus}.`);
  return status;
}

/** A step of a blue/green deployment on one variant: `Creating`, `ActivatingTraffic`, `Baking`, ... */
const VariantStatus = z.looseObject({
  Status: z.string(),
  StatusMessage: z.string().optional(),
  StartTime: z.number().optional(),
});

/** AWS's own example leaves out VariantName (and writes counts as `1.0`, which JSON reads as 1). */
const ProductionVariant = z.looseObject({
  VariantName: z.string().optional(),
  CurrentWeight: z.number().optional(),
  DesiredWeight: z.number().optional(),
  CurrentInstanceCount: z.number().int().optional(),
  DesiredInstanceCount: z.number().int().optional(),
  VariantStatus: z.array(VariantStatus).optional(),
});

const endpointFields = {
  EndpointName: z.string(),
  EndpointArn: z.string(),
  /** The config serving now; during a blue/green update, the old one. */
  EndpointConfigName: z.string(),
  ProductionVariants: z.array(ProductionVariant).optional(),
  EndpointStatus: ReportedEndpointStatus,
  FailureReason: z.string().optional(),
  CreationTime: z.number(),
  LastModifiedTime: z.number(),
  Tags: z.record(z.string(), z.string()).optional(),
};

export const EndpointStateChange = defineEvent(
  source,
  "SageMaker Endpoint State Change",
  z.looseObject(endpointFields),
);

/** The new fleet of a blue/green update, while it is being rolled out. */
const PendingDeploymentSummary = z.looseObject({
  EndpointConfigName: z.string(),
  StartTime: z.union([z.number(), z.string()]).optional(),
  ProductionVariants: z.array(ProductionVariant).optional(),
});

/** Progress of a blue/green update (canary, linear, all at once), step by step. */
export const EndpointDeploymentStateChange = defineEvent(
  source,
  "SageMaker Endpoint Deployment State Change",
  z.looseObject({
    ...endpointFields,
    PendingDeploymentSummary: PendingDeploymentSummary.optional(),
  }),
);
