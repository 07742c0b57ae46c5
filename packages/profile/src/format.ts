export type DataFormat = "csv" | "jsonl" | "parquet";

const byExtension: Record<string, DataFormat> = {
  csv: "csv",
  tsv: "csv",
  jsonl: "jsonl",
  ndjson: "jsonl",
  jsonlines: "jsonl",
  parquet: "parquet",
  pq: "parquet",
};

/** The format named by the key's extension; text formats may carry a `.gz` suffix (scanObject gunzips them). */
export function formatFromKey(key: string): DataFormat | undefined {
  const name = key.slice(key.lastIndexOf("/") + 1).toLowerCase();
  const gzipped = name.endsWith(".gz");
  const base = gzipped ? name.slice(0, -3) : name;
  const dot = base.lastIndexOf(".");
  if (dot <= 0) return undefined;
  const format = byExtension[base.slice(dot + 1)];
  if (gzipped && format === "parquet") return undefined;
  return format;
}
