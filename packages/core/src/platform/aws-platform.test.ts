import { describe, expect, it } from "vitest";
import { endpoints } from "./aws/endpoints";
import { jobs } from "./aws/jobs";
import { awsPlatform } from "./aws-platform";
import { AwsSageMakerHost } from "./endpoints/aws-sagemaker";

describe("awsPlatform", () => {
  it("serves endpoints from SageMaker, built on first use and then kept", () => {
    const platform = awsPlatform({ endpoints }, {});
    expect(Object.keys(platform)).toContain("endpoints");
    expect(platform.endpoints).toBeInstanceOf(AwsSageMakerHost);
    expect(platform.endpoints).toBe(platform.endpoints);
  });

  it("sends the endpoints' data capture under capture/ in the bucket GYRE_BUCKET names", () => {
    const platform = awsPlatform({ endpoints }, { GYRE_BUCKET: "acme-ml-data" });
    expect(platform.endpoints.captureDestination).toBe("s3://acme-ml-data/capture");
  });

  it("has jobs write their outputs under runs/ in the bucket GYRE_BUCKET names", () => {
    const platform = awsPlatform({ jobs }, { GYRE_BUCKET: "acme-ml-data" });
    expect(platform.jobs.outputPrefix).toBe("s3://acme-ml-data/runs/");
  });

  it("refuses to use a port its entry was not given, naming the port and where to declare it", () => {
    const platform = awsPlatform({ endpoints }, {});
    expect(() => platform.jobs.submit).toThrow(
      /jobs port \(submit\).*functions\/<service>\/service\.ts/,
    );
  });
});
