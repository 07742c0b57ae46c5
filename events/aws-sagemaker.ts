import { z } from "zod";
import { defineEvent } from "./define";

export const source = "aws.sagemaker";

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

const ProductionVariant = z.looseObject({
  VariantName: z.string(),
  CurrentWeight: z.number().optional(),
  DesiredWeight: z.number().optional(),
  CurrentInstanceCount: z.number().int().optional(),
  DesiredInstanceCount: z.number().int().optional(),
});

export const EndpointStateChange = defineEvent(
  source,
  "SageMaker Endpoint State Change",
  z.looseObject({
    EndpointName: z.string(),
    EndpointArn: z.string(),
    EndpointConfigName: z.string(),
    ProductionVariants: z.array(ProductionVariant).optional(),
    EndpointStatus,
    FailureReason: z.string().optional(),
    CreationTime: z.number(),
    LastModifiedTime: z.number(),
    Tags: z.record(z.string(), z.string()).optional(),
  }),
);
