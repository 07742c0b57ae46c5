/** The realistic rule set and events the matcher and bus benchmarks share. */
const MODELS = ["churn", "fraud", "forecast", "ranking", "vision"] as const;
const ACCOUNT = "123456789012";

function rulesForModel(model: string, index: number): unknown[] {
  return [
    {
      source: ["gyre.datasets"],
      "detail-type": ["Dataset Version Created"],
      detail: { datasetId: [model], metadata: { rows: [{ numeric: [">=", 1000] }] } },
    },
    {
      source: ["aws.s3"],
      "detail-type": ["Object Created"],
      detail: {
        bucket: { name: ["gyre-raw-data"] },
        object: {
          key: [{ prefix: `incoming/${model}/` }],
          size: [{ numeric: [">", 0, "<=", 5e9] }],
        },
      },
    },
    {
      source: ["aws.s3"],
      detail: {
        object: { key: [{ wildcard: `incoming/${model}/*/*.parquet` }] },
        reason: [{ "anything-but": ["CopyObject"] }],
      },
    },
    {
      source: ["aws.batch"],
      "detail-type": ["Batch Job State Change"],
      detail: {
        status: ["FAILED"],
        jobName: [{ prefix: { "equals-ignore-case": `train-${model}-` } }],
        attempts: { container: { exitCode: [{ "anything-but": 0 }] } },
      },
    },
    {
      source: ["aws.batch"],
      detail: {
        tags: { "gyre:model": [model] },
        $or: [{ status: ["SUCCEEDED"] }, { container: { exitCode: [0] } }],
        jobQueue: [{ suffix: { "equals-ignore-case": "/GYRE-GPU" } }],
      },
    },
    {
      source: ["gyre.training"],
      "detail-type": ["Training Run Completed"],
      detail: {
        modelName: [model],
        metrics: { auc: [{ numeric: [">=", (80 + index) / 100] }] },
        error: [{ exists: false }],
      },
    },
    {
      source: ["gyre.registry"],
      "detail-type": ["Model Version Registered", "Model Version Approved"],
      detail: {
        modelName: [{ "equals-ignore-case": model }],
        stage: [{ "anything-but": { prefix: "archived" } }],
      },
    },
    {
      source: ["gyre.monitoring"],
      "detail-type": ["Drift Detected"],
      detail: {
        modelName: [model],
        $or: [{ psi: [{ numeric: [">", 0.2] }] }, { ksStatistic: [{ numeric: [">", 0.1] }] }],
      },
    },
    {
      source: [{ prefix: "gyre." }],
      account: [ACCOUNT],
      detail: { requestedBy: { sourceIp: [{ cidr: "10.0.0.0/8" }] }, modelName: [model] },
    },
    {
      source: ["gyre.datasets"],
      detail: {
        metadata: {
          format: [{ "anything-but": { "equals-ignore-case": ["csv", "json"] } }],
          tags: ["pii-free"],
          previousVersion: [null, { exists: true }],
        },
        location: [{ wildcard: `s3://gyre-curated/${model}/v*/` }],
      },
    },
    {
      source: ["aws.s3"],
      detail: {
        object: { key: [{ "anything-but": { suffix: [".tmp", ".crc"] } }] },
        bucket: { name: [{ suffix: "-raw-data" }] },
      },
    },
    {
      source: ["gyre.registry", "gyre.deployments"],
      detail: {
        modelName: [model],
        endpoint: [{ "anything-but": { wildcard: "*-shadow" } }],
        version: [{ numeric: [">", 0] }],
      },
    },
  ];
}

export interface BenchEvent {
  source: string;
  "detail-type": string;
  detail: Record<string, unknown>;
}

/** A mix of S3, Batch and Gyre events, shaped like what the bus carries. */
export function benchEvents(): BenchEvent[] {
  const base = {
    version: "0",
    account: ACCOUNT,
    region: "eu-west-1",
    time: "2024-05-14T09:12:45Z",
  };
  return MODELS.flatMap((model, index) => [
    {
      ...base,
      id: `s3-${model}`,
      "detail-type": "Object Created",
      source: "aws.s3",
      resources: ["arn:aws:s3:::gyre-raw-data"],
      detail: {
        bucket: { name: "gyre-raw-data" },
        object: {
          key: `incoming/${model}/2024-05-14/part-0${index}.parquet`,
          size: 1_048_576 * (index + 1),
        },
        reason: "PutObject",
        "source-ip-address": "10.20.30.40",
      },
    },
    {
      ...base,
      id: `batch-${model}`,
      "detail-type": "Batch Job State Change",
      source: "aws.batch",
      resources: [],
      detail: {
        jobName: `TRAIN-${model}-xgboost-v${index}`,
        jobQueue: "arn:aws:batch:eu-west-1:123456789012:job-queue/gyre-gpu",
        status: index % 2 === 0 ? "FAILED" : "SUCCEEDED",
        attempts: [{ container: { exitCode: index % 2 === 0 ? 137 : 0 } }],
        container: { exitCode: index % 2 === 0 ? 137 : 0 },
        tags: { "gyre:model": model },
      },
    },
    {
      ...base,
      id: `dataset-${model}`,
      "detail-type": "Dataset Version Created",
      source: "gyre.datasets",
      resources: [],
      detail: {
        datasetId: model,
        version: index + 1,
        location: `s3://gyre-curated/${model}/v${index + 1}/`,
        requestedBy: { sourceIp: `10.0.${index}.7` },
        metadata: {
          format: "parquet",
          rows: 120_000,
          tags: ["pii-free", "weekly"],
          previousVersion: null,
        },
      },
    },
    {
      ...base,
      id: `drift-${model}`,
      "detail-type": "Drift Detected",
      source: "gyre.monitoring",
      resources: [],
      detail: { modelName: model, psi: 0.05 * (index + 1), ksStatistic: 0.04 },
    },
  ]);
}

/** 60 realistic rules (12 per model) using 17 operator forms. */
export function benchRules(): unknown[] {
  return MODELS.flatMap((model, index) => rulesForModel(model, index));
}
