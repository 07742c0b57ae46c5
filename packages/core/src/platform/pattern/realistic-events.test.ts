import { describe, expect, it } from "vitest";
import { compilePattern, testPattern } from "./index";

const s3ObjectCreated = {
  version: "0",
  id: "17793124-05d4-b198-2fde-7ededc63b103",
  "detail-type": "Object Created",
  source: "aws.s3",
  account: "111122223333",
  time: "2024-05-14T09:12:45Z",
  region: "eu-west-1",
  resources: ["arn:aws:s3:::gyre-raw-data"],
  detail: {
    version: "0",
    bucket: { name: "gyre-raw-data" },
    object: {
      key: "incoming/churn/2024-05-14/customers.csv",
      size: 52_428_800,
      etag: "b1946ac92492d2347c6235b4d2611184",
      "version-id": "IYV3p45BT0ac8hjHg1houSdS1a.Mro8e",
      sequencer: "617f08299329d189",
    },
    "request-id": "N4N7GDK58NMKJ12R",
    requester: "123456789012",
    "source-ip-address": "10.20.30.40",
    reason: "PutObject",
  },
};

const batchJobFailed = {
  version: "0",
  id: "c8f9c4b5-76e5-d76a-f980-7011e206042b",
  "detail-type": "Batch Job State Change",
  source: "aws.batch",
  account: "123456789012",
  time: "2024-05-14T10:36:40Z",
  region: "eu-west-1",
  resources: ["arn:aws:batch:eu-west-1:123456789012:job/4c7599ae-0a82-49aa-ba5a-4727fcce14a8"],
  detail: {
    jobArn: "arn:aws:batch:eu-west-1:123456789012:job/4c7599ae-0a82-49aa-ba5a-4727fcce14a8",
    jobName: "train-churn-xgboost-v7",
    jobId: "4c7599ae-0a82-49aa-ba5a-4727fcce14a8",
    jobQueue: "arn:aws:batch:eu-west-1:123456789012:job-queue/gyre-gpu",
    status: "FAILED",
    statusReason: "Essential container in task exited",
    attempts: [
      {
        container: { exitCode: 1, reason: "ValueError: NaN in features" },
        startedAt: 1715682000000,
        stoppedAt: 1715682600000,
      },
      {
        container: {
          exitCode: 137,
          reason: "OutOfMemoryError: Container killed due to memory usage",
        },
        startedAt: 1715683000000,
        stoppedAt: 1715683600000,
      },
    ],
    createdAt: 1715681900000,
    retryStrategy: { attempts: 2 },
    dependsOn: [],
    jobDefinition: "arn:aws:batch:eu-west-1:123456789012:job-definition/gyre-train:12",
    parameters: {},
    container: { image: "gyre/train:1.8.2", vcpus: 8, memory: 30_720, exitCode: 137 },
    tags: { "gyre:model": "churn", "gyre:run": "run-0042" },
    platformCapabilities: ["EC2"],
  },
};

const datasetVersionCreated = {
  version: "0",
  id: "0b0b6c8e-1f7a-4a8e-9d3e-2f9a7c7f5e11",
  "detail-type": "Dataset Version Created",
  source: "gyre.datasets",
  account: "123456789012",
  time: "2024-05-14T09:13:02Z",
  region: "eu-west-1",
  resources: [],
  detail: {
    datasetId: "churn",
    version: 3,
    location: "s3://gyre-curated/churn/v3/",
    metadata: {
      format: "parquet",
      rows: 120_000,
      sizeBytes: 18_874_368,
      schemaHash: "sha256:9f2c1e",
      tags: ["churn", "pii-free", "weekly"],
      owner: { team: "ML-Platform", email: "ml@example.com" },
      previousVersion: null,
    },
  },
};

describe("an S3 Object Created event (EventBridge S3 notifications)", () => {
  it("matches bucket, key prefix and size together (Event patterns + Prefix matching + Numeric matching)", () => {
    const pattern = {
      source: ["aws.s3"],
      "detail-type": ["Object Created"],
      detail: {
        bucket: { name: ["gyre-raw-data"] },
        object: { key: [{ prefix: "incoming/" }], size: [{ numeric: [">", 0, "<=", 5e9] }] },
      },
    };
    expect(testPattern(pattern, s3ObjectCreated)).toBe(true);
    expect(testPattern(pattern, { ...s3ObjectCreated, "detail-type": "Object Deleted" })).toBe(
      false,
    );
  });

  it("selects CSV files under any date folder (Wildcard matching: files in a folder)", () => {
    expect(
      testPattern(
        { detail: { object: { key: [{ wildcard: "incoming/*/*/*.csv" }] } } },
        s3ObjectCreated,
      ),
    ).toBe(true);
    expect(
      testPattern(
        { detail: { object: { key: [{ wildcard: "incoming/*/*.parquet" }] } } },
        s3ObjectCreated,
      ),
    ).toBe(false);
  });

  it("excludes copies and accepts uploads from the VPC range (Anything-but matching + IP address matching)", () => {
    const pattern = {
      detail: {
        reason: [{ "anything-but": ["CopyObject"] }],
        "source-ip-address": [{ cidr: "10.0.0.0/8" }],
      },
    };
    expect(testPattern(pattern, s3ObjectCreated)).toBe(true);
    expect(
      testPattern(pattern, {
        ...s3ObjectCreated,
        detail: { ...s3ObjectCreated.detail, reason: "CopyObject" },
      }),
    ).toBe(false);
  });

  it("requires a version id and no delete marker (Exists matching)", () => {
    const pattern = {
      detail: {
        object: { "version-id": [{ exists: true }], "delete-marker": [{ exists: false }] },
      },
    };
    expect(testPattern(pattern, s3ObjectCreated)).toBe(true);
  });

  it("matches the bucket ARN in resources (Arrays in event patterns)", () => {
    expect(testPattern({ resources: [{ suffix: ":::gyre-raw-data" }] }, s3ObjectCreated)).toBe(
      true,
    );
  });
});

describe("an AWS Batch Job State Change event (AWS Batch events)", () => {
  it("matches failed jobs on the GPU queue (Event patterns + Suffix matching)", () => {
    const pattern = {
      source: ["aws.batch"],
      "detail-type": ["Batch Job State Change"],
      detail: { status: ["FAILED"], jobQueue: [{ suffix: "/gyre-gpu" }] },
    };
    expect(testPattern(pattern, batchJobFailed)).toBe(true);
    expect(
      testPattern(pattern, {
        ...batchJobFailed,
        detail: { ...batchJobFailed.detail, status: "SUCCEEDED" },
      }),
    ).toBe(false);
  });

  it("finds an out-of-memory kill in any attempt (event-ruler JSON Array Matching: arrays of objects)", () => {
    const pattern = { detail: { attempts: { container: { exitCode: [137] } } } };
    expect(testPattern(pattern, batchJobFailed)).toBe(true);
  });

  it("requires exit code and reason from the same attempt (event-ruler: array consistency)", () => {
    const sameAttempt = {
      detail: {
        attempts: { container: { exitCode: [137], reason: [{ prefix: "OutOfMemoryError" }] } },
      },
    };
    const mixedAttempts = {
      detail: {
        attempts: { container: { exitCode: [1], reason: [{ prefix: "OutOfMemoryError" }] } },
      },
    };
    expect(testPattern(sameAttempt, batchJobFailed)).toBe(true);
    expect(testPattern(mixedAttempts, batchJobFailed)).toBe(false);
  });

  it("routes Gyre training jobs by tag and job name (Exists matching + Equals-ignore-case + $or)", () => {
    const pattern = {
      detail: {
        tags: { "gyre:model": [{ exists: true }] },
        $or: [{ status: ["FAILED"] }, { container: { exitCode: [{ "anything-but": 0 }] } }],
        jobName: [{ prefix: { "equals-ignore-case": "TRAIN-" } }],
      },
    };
    expect(testPattern(pattern, batchJobFailed)).toBe(true);
  });
});

describe("a custom Gyre event with detail.metadata (Event patterns on custom events)", () => {
  it("matches on nested metadata values (Event patterns: nested objects)", () => {
    const pattern = {
      source: ["gyre.datasets"],
      "detail-type": ["Dataset Version Created"],
      detail: { metadata: { format: ["parquet"], rows: [{ numeric: [">=", 1000] }] } },
    };
    expect(testPattern(pattern, datasetVersionCreated)).toBe(true);
  });

  it("matches one tag in the metadata tag array (Arrays in event patterns)", () => {
    expect(
      testPattern({ detail: { metadata: { tags: ["pii-free"] } } }, datasetVersionCreated),
    ).toBe(true);
    expect(testPattern({ detail: { metadata: { tags: ["pii"] } } }, datasetVersionCreated)).toBe(
      false,
    );
  });

  it("matches the owner team in any casing (Equals-ignore-case matching)", () => {
    const pattern = {
      detail: { metadata: { owner: { team: [{ "equals-ignore-case": "ml-platform" }] } } },
    };
    expect(testPattern(pattern, datasetVersionCreated)).toBe(true);
  });

  it("treats a null previousVersion as present and null (Null values + Exists matching)", () => {
    expect(
      testPattern({ detail: { metadata: { previousVersion: [null] } } }, datasetVersionCreated),
    ).toBe(true);
    expect(
      testPattern(
        { detail: { metadata: { previousVersion: [{ exists: false }] } } },
        datasetVersionCreated,
      ),
    ).toBe(false);
  });

  it("excludes CSV datasets and requires no deprecation flag (Anything-but matching + Exists matching)", () => {
    const pattern = {
      detail: {
        metadata: {
          format: [{ "anything-but": ["csv", "json"] }],
          deprecated: [{ exists: false }],
        },
        location: [{ prefix: "s3://gyre-curated/" }],
      },
    };
    expect(testPattern(pattern, datasetVersionCreated)).toBe(true);
  });
});

describe("compilePattern (public API)", () => {
  it("keeps the pattern as given in source (compilePattern)", () => {
    const pattern = { source: ["gyre.datasets"] };
    expect(compilePattern(pattern).source).toBe(pattern);
  });

  it("accepts a JSON string and keeps the string as source (compilePattern)", () => {
    const text = '{"source": ["gyre.datasets"], "detail": {"version": [3]}}';
    const compiled = compilePattern(text);
    expect(compiled.source).toBe(text);
    expect(compiled.matches(datasetVersionCreated)).toBe(true);
  });

  it("uses the last of duplicated keys in a JSON string (Content filtering: the last reference is used)", () => {
    const text = '{"detail": {"datasetId": ["other"], "datasetId": ["churn"]}}';
    expect(compilePattern(text).matches(datasetVersionCreated)).toBe(true);
  });

  it("one compiled pattern matches many events and keeps no state between calls (compilePattern)", () => {
    const compiled = compilePattern({ source: [{ prefix: "aws." }] });
    const results = [
      s3ObjectCreated,
      datasetVersionCreated,
      batchJobFailed,
      datasetVersionCreated,
    ].map((event) => compiled.matches(event));
    expect(results).toEqual([true, false, true, false]);
  });
});
