import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  EndpointDeploymentStateChange,
  EndpointStateChange,
  EndpointStatus,
  endpointStatusOf,
} from "./aws-sagemaker";

const docs = join(import.meta.dirname, "test/samples/aws-docs");

/** The developer guide prints a `Timestamp` placeholder and trailing commas: only those are mended. */
function mendDocExample(text: string): unknown {
  return JSON.parse(
    text.replace(/:\s*Timestamp\b/g, ": 1635195268181").replace(/,(\s*[}\]])/g, "$1"),
  );
}

describe("SageMaker Endpoint State Change", () => {
  it("parses AWS's documented example: IN_SERVICE, a variant without VariantName, epoch-ms time", async () => {
    const event = JSON.parse(
      await readFile(join(docs, "sagemaker-endpoint-state-change.json"), "utf8"),
    );

    const parsed = EndpointStateChange.envelope.parse(event);

    expect(endpointStatusOf(parsed.detail)).toBe("InService");
    expect(parsed.detail.ProductionVariants).toEqual([
      { DesiredWeight: 1, DesiredInstanceCount: 1 },
    ]);
  });

  it("accepts the API's spelling too, and normalises both to DescribeEndpoint's", () => {
    for (const status of EndpointStatus.options) {
      const upper = status.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
      expect(endpointStatusOf({ EndpointStatus: status })).toBe(status);
      expect(endpointStatusOf({ EndpointStatus: upper })).toBe(status);
    }
    expect(endpointStatusOf({ EndpointStatus: "UPDATE_ROLLBACK_FAILED" })).toBe(
      "UpdateRollbackFailed",
    );
    expect(endpointStatusOf({ EndpointStatus: "OUT_OF_SERVICE" })).toBe("OutOfService");
  });

  it("rejects a status SageMaker does not have", () => {
    const detail = {
      EndpointName: "e",
      EndpointArn: "arn",
      EndpointConfigName: "c",
      CreationTime: 1,
      LastModifiedTime: 1,
    };
    expect(
      EndpointStateChange.detail.safeParse({ ...detail, EndpointStatus: "Ready" }).success,
    ).toBe(false);
    expect(
      EndpointStateChange.detail.safeParse({ ...detail, EndpointStatus: "inservice" }).success,
    ).toBe(false);
    expect(() => endpointStatusOf({ EndpointStatus: "Ready" })).toThrow(/Unknown/);
  });
});

describe("SageMaker Endpoint Deployment State Change", () => {
  it("parses AWS's documented blue/green canary example, mended only where it is not JSON", async () => {
    const text = await readFile(
      join(docs, "sagemaker-endpoint-deployment-state-change.txt"),
      "utf8",
    );
    expect(() => JSON.parse(text)).toThrow();

    const parsed = EndpointDeploymentStateChange.envelope.parse(mendDocExample(text));

    expect(endpointStatusOf(parsed.detail)).toBe("Updating");
    expect(parsed.detail.EndpointConfigName).toBe("sample-endpoint-config-1");
    expect(parsed.detail.PendingDeploymentSummary).toMatchObject({
      EndpointConfigName: "sample-endpoint-config-2",
      ProductionVariants: [
        {
          VariantName: "AllTraffic",
          CurrentInstanceCount: 1,
          DesiredInstanceCount: 3,
          VariantStatus: [{ Status: "Baking", StartTime: 1635195269181 }],
        },
      ],
    });
  });

  it("is its own detail-type, so a rule can pick blue/green progress apart from state changes", () => {
    expect(EndpointDeploymentStateChange.pattern).toEqual({
      source: ["aws.sagemaker"],
      "detail-type": ["SageMaker Endpoint Deployment State Change"],
    });
  });
});
