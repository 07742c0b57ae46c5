import { describe, expect, it } from "vitest";
import { awsPlatform } from "./aws-platform";
import { AwsSageMakerHost } from "./endpoints/aws-sagemaker";

describe("awsPlatform", () => {
  it("serves endpoints from SageMaker, built on first use and then kept", () => {
    const platform = awsPlatform({});
    expect(Object.keys(platform)).toContain("endpoints");
    expect(platform.endpoints).toBeInstanceOf(AwsSageMakerHost);
    expect(platform.endpoints).toBe(platform.endpoints);
  });
});
