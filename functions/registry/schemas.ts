import * as Registry from "@gyre/core/registry/index";
import { z } from "@hono/zod-openapi";
import { ListQuery } from "../shared/schemas";

// The domain's schemas are plain zod; the route schemas wrap them.
export const NameParam = z.object({ name: Registry.ModelName });
export const VersionParams = NameParam.extend({ version: Registry.VersionNumber });
export const CompareParams = NameParam.extend({
  a: Registry.VersionNumber,
  b: Registry.VersionNumber,
});
export const AliasParams = NameParam.extend({ alias: Registry.AliasName });

export const Model = z.object(Registry.Model.shape).openapi("Model");
export const ModelDetail = z.object(Registry.ModelDetail.shape).openapi("ModelDetail");
export const ModelVersion = z.object(Registry.ModelVersion.shape).openapi("ModelVersion");
export const RegisterBody = z.object(Registry.RegisterInput.shape).openapi("RegisterModelVersion");
export const ApproveBody = z.strictObject(Registry.ApproveInput.shape).openapi("ApproveVersion");
export const RejectBody = z.strictObject(Registry.RejectInput.shape).openapi("RejectVersion");
export const PolicyBody = z.strictObject(Registry.Policy.shape).openapi("ModelPolicy");
export const Policy = z.object(Registry.Policy.shape).openapi("ModelPolicyStored");
export const AliasBody = z.strictObject(Registry.AliasInput.shape).openapi("SetAlias");
export const Alias = z.object(Registry.Alias.shape).openapi("ModelAlias");
export const AliasResolution = z
  .object(Registry.AliasResolution.shape)
  .openapi("ModelAliasResolution");
export const HistoryEntry = z.object(Registry.HistoryEntry.shape).openapi("ModelHistoryEntry");
export const Comparison = z.object(Registry.Comparison.shape).openapi("ModelVersionComparison");
export const VersionsQuery = ListQuery.extend({ status: Registry.ModelVersionStatus.optional() });
export const Approval = z.object(Registry.Approval.shape).openapi("ModelVersionApproval");
export const ComparisonQuery = z.object({
  against: Registry.Against.openapi({
    description: "the other version: its number, or an alias such as `champion`",
    example: "champion",
  }),
});
export const Comment = z.object(Registry.Comment.shape).openapi("ModelVersionComment");
export const CommentBody = z.strictObject(Registry.CommentInput.shape).openapi("AddComment");
export const Lineage = z.object(Registry.Lineage.shape).openapi("ModelVersionLineage");
