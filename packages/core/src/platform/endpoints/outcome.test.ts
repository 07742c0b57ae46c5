import type { AwsSageMaker } from "@gyre/events";
import { describe, expect, expectTypeOf, it } from "vitest";
import { deploymentOutcome } from "./outcome";
import type { EndpointState, EndpointStatus } from "./port";

const state = (
  status: EndpointStatus,
  configName: string,
  failureReason?: string,
): EndpointState => ({
  status,
  configName,
  ...(failureReason ? { failureReason } : {}),
  variants: [{ name: "AllTraffic", version: 2, weight: 1, instanceCount: 1 }],
});

describe("deploymentOutcome", () => {
  it("is a success only when the endpoint is InService on the config the deployment asked for", () => {
    expect(deploymentOutcome("churn-2", state("InService", "churn-2"))).toBe("succeeded");
  });

  it("calls InService on the old config a rollback, with SageMaker's own reason", () => {
    const reason = "Alarm gyre-churn-2/error-rate went into ALARM; rolled back to churn-1.";
    expect(deploymentOutcome("churn-2", state("InService", "churn-1", reason))).toEqual({
      rolledBack: reason,
    });
    expect(deploymentOutcome("churn-2", state("InService", "churn-1"))).toEqual({
      rolledBack: "The endpoint is serving churn-1 again instead of churn-2.",
    });
  });

  it("waits while SageMaker is still creating, updating or rolling back", () => {
    for (const status of ["Creating", "Updating", "SystemUpdating", "RollingBack"] as const) {
      expect(deploymentOutcome("churn-2", state(status, "churn-1"))).toBe("in-progress");
    }
  });

  it("fails on a failed, out-of-service, deleting or missing endpoint, naming why", () => {
    expect(deploymentOutcome("churn-2", state("Failed", "churn-2", "Image not found."))).toEqual({
      failed: "Image not found.",
    });
    expect(deploymentOutcome("churn-2", state("UpdateRollbackFailed", "churn-1"))).toEqual({
      failed: "The endpoint is UpdateRollbackFailed.",
    });
    expect(deploymentOutcome("churn-2", state("OutOfService", "churn-2"))).toEqual({
      failed: "The endpoint is OutOfService.",
    });
    expect(deploymentOutcome("churn-2", state("Deleting", "churn-2"))).toEqual({
      failed: "The endpoint is Deleting.",
    });
    expect(deploymentOutcome("churn-2", undefined)).toEqual({
      failed: "The endpoint does not exist.",
    });
  });

  it("judges the statuses SageMaker's events carry once endpointStatusOf has normalised them", () => {
    expectTypeOf<AwsSageMaker.EndpointStatus>().toEqualTypeOf<EndpointStatus>();
  });
});
