import { Worker } from "node:worker_threads";
import {
  ColumnValues,
  compareColumnSets,
  compareSketches,
  DatasetSketch,
  type DatasetSketchJson,
} from "@gyre/profile/drift/index";

/**
 * `tsx bench/drift-child.ts exact|sketch reference.csv current.csv`: one mode on its own process,
 * so its peak RSS is its own. Each file is read by a worker thread; prints one JSON line.
 */
const [mode, reference, current] = process.argv.slice(2) as ["exact" | "sketch", string, string];
const started = performance.now();
const [r, c] = await Promise.all([read(reference), read(current)]);
const result =
  mode === "sketch"
    ? compareSketches(
        DatasetSketch.fromJSON(r as DatasetSketchJson),
        DatasetSketch.fromJSON(c as DatasetSketchJson),
      )
    : compareExact(columnsOf(r as Transferred), columnsOf(c as Transferred));
const seconds = (performance.now() - started) / 1000;
const usage = process.resourceUsage();
const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
console.log(JSON.stringify({ seconds, cpuSeconds, peakRssMb: usage.maxRSS / 1024, result }));

type Transferred = {
  name: string;
  numbers: Float64Array;
  categories: Map<string, number>;
  missing: number;
}[];

function read(path: string): Promise<unknown> {
  const worker = new Worker(new URL("./drift-worker.mjs", import.meta.url), {
    workerData: { mode, path },
  });
  return new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  }).finally(() => worker.terminate());
}

function compareExact(r: Map<string, ColumnValues>, c: Map<string, ColumnValues>) {
  return compareColumnSets(r, c, [...r.keys()]);
}

function columnsOf(transferred: Transferred): Map<string, ColumnValues> {
  const columns = new Map<string, ColumnValues>();
  for (const { name, numbers, categories, missing } of transferred)
    columns.set(name, ColumnValues.sorted(numbers, categories, missing));
  return columns;
}
