import * as Deployment from "@gyre/core/deployment/index";
import { prefixedId, ResourceName } from "@gyre/events/shared";
import { z } from "@hono/zod-openapi";
import { ListQuery } from "../shared/schemas";

// The domain's schemas are plain zod; the route schemas wrap them.
export const NameParam = z.object({ name: ResourceName });
export const DeploymentParam = z.object({ id: prefixedId("dep") });
export const EndpointBody = z.object(Deployment.EndpointInput.shape).openapi("EndpointInput");
export const Endpoint = z.object(Deployment.Endpoint.shape).openapi("Endpoint");
export const EndpointDetail = z.object(Deployment.EndpointDetail.shape).openapi("EndpointDetail");
export const DeploymentItem = z.object(Deployment.Deployment.shape).openapi("Deployment");
export const DeployBody = z
  .strictObject({ version: z.number().int().positive() })
  .openapi("DeployVersion");
export const DeploymentsQuery = ListQuery.extend({ endpoint: ResourceName.optional() });
