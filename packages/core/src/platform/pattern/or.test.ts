import { describe, expect, it } from "vitest";
import { testPattern } from "./index";

describe("$or (Comparison operators › Or matching)", () => {
  const sourceAndEither = {
    source: ["aws.cloudwatch"],
    $or: [{ metricName: ["CPUUtilization", "ReadLatency"] }, { namespace: ["AWS/EC2", "AWS/ES"] }],
  };

  it("matches when the first branch matches (Or matching: field A or field B)", () => {
    expect(
      testPattern(sourceAndEither, { source: "aws.cloudwatch", metricName: "ReadLatency" }),
    ).toBe(true);
  });

  it("matches when the second branch matches (Or matching: field A or field B)", () => {
    expect(testPattern(sourceAndEither, { source: "aws.cloudwatch", namespace: "AWS/ES" })).toBe(
      true,
    );
  });

  it("does not match when no branch matches (Or matching)", () => {
    expect(testPattern(sourceAndEither, { source: "aws.cloudwatch", namespace: "AWS/S3" })).toBe(
      false,
    );
  });

  it("is ANDed with the other fields of its object (Or matching: source && (A || B))", () => {
    expect(testPattern(sourceAndEither, { source: "aws.ec2", metricName: "ReadLatency" })).toBe(
      false,
    );
  });

  it("a branch may hold several ANDed fields (event-ruler: Or has an And inside)", () => {
    const pattern = {
      $or: [
        { metricName: ["CPUUtilization"] },
        { metricType: ["MetricType"], namespace: ["AWS/EC2"] },
      ],
    };
    expect(testPattern(pattern, { metricType: "MetricType", namespace: "AWS/EC2" })).toBe(true);
    expect(testPattern(pattern, { metricType: "MetricType", namespace: "AWS/ES" })).toBe(false);
  });

  it("nests inside a branch (event-ruler: Nested Or and And)", () => {
    const pattern = {
      source: ["aws.cloudwatch"],
      $or: [
        { metricName: ["CPUUtilization"] },
        { namespace: ["AWS/EC2"], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
      ],
    };
    expect(
      testPattern(pattern, { source: "aws.cloudwatch", namespace: "AWS/EC2", spaceId: 1000 }),
    ).toBe(true);
    expect(
      testPattern(pattern, { source: "aws.cloudwatch", namespace: "AWS/EC2", spaceId: 1 }),
    ).toBe(false);
  });

  it("applies inside nested objects and in parallel at several levels (event-ruler: Parallel Or)", () => {
    const pattern = {
      $or: [{ metricName: ["CPUUtilization"] }, { namespace: ["AWS/EC2"] }],
      detail: {
        $or: [{ source: ["aws.cloudwatch"] }, { "detail-type": ["CloudWatch Alarm State Change"] }],
      },
    };
    expect(
      testPattern(pattern, {
        namespace: "AWS/EC2",
        detail: { "detail-type": "CloudWatch Alarm State Change" },
      }),
    ).toBe(true);
    expect(testPattern(pattern, { namespace: "AWS/EC2", detail: { source: "aws.s3" } })).toBe(
      false,
    );
  });

  it("branches may use any comparison operator (Or matching: Location or Day)", () => {
    const pattern = {
      $or: [{ size: [{ numeric: [">", 1000] }] }, { key: [{ suffix: ".parquet" }] }],
    };
    expect(testPattern(pattern, { size: 10, key: "data/part-0.parquet" })).toBe(true);
    expect(testPattern(pattern, { size: 10, key: "data/part-0.csv" })).toBe(false);
  });

  it("a branch of only exists: false matches when the field is missing (Or matching + Exists matching)", () => {
    const pattern = { detail: { $or: [{ error: [{ exists: false }] }, { retryable: [true] }] } };
    expect(testPattern(pattern, { detail: {} })).toBe(true);
    expect(testPattern(pattern, { detail: { error: "oom" } })).toBe(false);
    expect(testPattern(pattern, { detail: { error: "oom", retryable: true } })).toBe(true);
  });

  it("branches are evaluated per element of an event array (event-ruler: array consistency)", () => {
    const pattern = { detail: { jobs: { $or: [{ state: ["FAILED"] }, { exitCode: [137] }] } } };
    expect(
      testPattern(pattern, { detail: { jobs: [{ state: "SUCCEEDED" }, { exitCode: 137 }] } }),
    ).toBe(true);
    expect(testPattern(pattern, { detail: { jobs: [{ state: "SUCCEEDED", exitCode: 0 }] } })).toBe(
      false,
    );
  });
});
