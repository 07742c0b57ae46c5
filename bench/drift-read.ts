import { createReadStream } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { csvColumnValues, sketchCsv } from "@gyre/profile/drift/index";

/** One file read in a worker: its sketch's JSON, or its columns with the numbers sorted. */
const { mode, path } = workerData as { mode: "exact" | "sketch"; path: string };
const stream = () => createReadStream(path, { highWaterMark: 1 << 20 });

if (mode === "sketch") {
  parentPort?.postMessage((await sketchCsv(stream())).toJSON());
} else {
  const columns = await csvColumnValues(stream());
  const out = [...columns].map(([name, column]) => ({
    name,
    numbers: column.sortedNumbers(),
    categories: column.categories,
    missing: column.missing,
  }));
  parentPort?.postMessage(
    out,
    out.map((c) => c.numbers.buffer as ArrayBuffer),
  );
}
