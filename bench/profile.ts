import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { scanObject } from "@gyre/profile/index";
import { formatRate } from "./stats";

const TARGET_BYTES = 100 * 1024 * 1024;
const COLUMNS = [
  "id",
  "age",
  "income",
  "score",
  "city",
  "segment",
  "active",
  "ratio",
  "visits",
  "label",
];
const SEGMENTS = [
  "consumer",
  "smb",
  "enterprise",
  "public",
  "education",
  "nonprofit",
  "partner",
  "internal",
];

/** Profiles a ~100 MB, 10-column numeric and categorical CSV streamed from a temp file. */
export async function benchProfile(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "gyre-bench-profile-"));
  try {
    const path = join(dir, "data.csv");
    const rows = await writeCsv(path);
    const { size } = await stat(path);
    const started = performance.now();
    const result = await scanObject(createReadStream(path, { highWaterMark: 1 << 16 }), "csv");
    const seconds = (performance.now() - started) / 1000;
    if (result.rows !== rows) throw new Error(`profiled ${result.rows} rows, wrote ${rows}`);
    const peakMb = process.resourceUsage().maxRSS / 1024;
    console.log(
      `profile: ${(size / 1e6 / seconds).toFixed(1)} MB/s, ${formatRate(rows / seconds)} rows/s, peak RSS ${peakMb.toFixed(0)} MB (${rows} rows, ${result.columns.length} columns)`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes rows in 1 MB batches with backpressure, so the file is never one string in memory. */
async function writeCsv(path: string): Promise<number> {
  const out = createWriteStream(path);
  out.write(`${COLUMNS.join(",")}\n`);
  let bytes = 0;
  let rows = 0;
  let random = 12345;
  const next = () => {
    random = (Math.imul(random, 1664525) + 1013904223) >>> 0;
    return random / 2 ** 32;
  };
  while (bytes < TARGET_BYTES) {
    const batch: string[] = [];
    for (let i = 0; i < 10_000; i++, rows++) {
      const label = next() < 0.05 ? '"Smith, J"' : `label_${Math.floor(next() * 40)}`;
      batch.push(
        `${rows},${18 + Math.floor(next() * 70)},${(20000 + next() * 180000).toFixed(2)},${(next() * 2 - 1).toFixed(4)},` +
          `city_${Math.floor(next() ** 2 * 300)},${SEGMENTS[rows % 8]},${next() < 0.3},${next().toFixed(3)},` +
          `${Math.floor(-Math.log(next() + 1e-9) * 5)},${label}\n`,
      );
    }
    const chunk = batch.join("");
    bytes += chunk.length;
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return rows;
}
