import { PutObjectCommand } from "@aws-sdk/client-s3";
import * as Monitoring from "@gyre/core/monitoring/index";
import type { TestPlatform } from "@gyre/local/testing/index";
import { churnCsv } from "../../examples/churn/generate";

export const CHURN_COLUMNS = [
  { name: "customer_id", type: "string" },
  { name: "signup_date", type: "timestamp" },
  { name: "tenure_months", type: "integer" },
  { name: "contract", type: "string" },
  { name: "internet_service", type: "string" },
  { name: "payment_method", type: "string" },
  { name: "monthly_charges", type: "number" },
  { name: "total_charges", type: "number" },
  { name: "support_calls", type: "integer" },
  { name: "num_products", type: "integer" },
  { name: "senior", type: "boolean" },
  { name: "churned", type: "boolean" },
];

let files = 0;

/** A churn v1 baseline known to monitoring, and a monitor on endpoint `churn` watching it. */
export async function watchedChurn(t: TestPlatform, rows = 2000) {
  await put(t, "datasets/churn/churn.csv", churnCsv({ rows, seed: 1 }));
  await Monitoring.onDatasetVersion(
    {
      dataset: "churn",
      version: 1,
      uri: "s3://gyre-data/datasets/churn/churn.csv",
      columns: CHURN_COLUMNS,
    } as Parameters<typeof Monitoring.onDatasetVersion>[0],
    t,
  );
  const monitor = await Monitoring.onDeploymentSucceeded(
    {
      endpoint: "churn",
      model: "churn",
      version: 1,
      dataset: { name: "churn", version: 1 },
    } as Parameters<typeof Monitoring.onDeploymentSucceeded>[0],
    t,
  );
  if (!monitor) throw new Error("no monitor");
  return monitor;
}

/** One SageMaker Data Capture file of `csv`'s rows (one record per `perRecord` rows), put in the bucket. */
export async function captureFile(
  t: TestPlatform,
  csv: string,
  options: { perRecord?: number; prediction?: number; predictions?: number[] } = {},
) {
  const [header, ...rows] = csv.trimEnd().split("\n");
  const per = options.perRecord ?? 50;
  const lines: string[] = [];
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const output = {
      predictions: chunk.map((_, j) => ({
        probability: options.predictions?.[i + j] ?? options.prediction ?? 0.3,
      })),
    };
    lines.push(
      JSON.stringify({
        captureData: {
          endpointInput: part("text/csv", `${header}\n${chunk.join("\n")}\n`, "INPUT"),
          endpointOutput: part("application/json", JSON.stringify(output), "OUTPUT"),
        },
        eventMetadata: { eventId: `ev-${files}-${i}`, inferenceTime: new Date().toISOString() },
        eventVersion: "0",
      }),
    );
  }
  files += 1;
  const key = `capture/gyre-churn/AllTraffic/2026/12/03/10/file-${files}.jsonl`;
  const { ETag } = await put(t, key, `${lines.join("\n")}\n`);
  const ids = lines.map((_, r) => `ev-${files - 1}-${r * per}`);
  return { key, etag: (ETag ?? "").replaceAll('"', ""), ids };
}

function part(contentType: string, text: string, mode: string) {
  return {
    observedContentType: contentType,
    mode,
    data: Buffer.from(text).toString("base64"),
    encoding: "BASE64",
  };
}

export function put(t: TestPlatform, key: string, body: string) {
  return t.objects.s3.send(new PutObjectCommand({ Bucket: "gyre-data", Key: key, Body: body }));
}
