import { performance } from "node:perf_hooks";
import * as Monitoring from "@gyre/core/monitoring/index";
import { subscriptions } from "@gyre/functions/services";
import { startTestPlatform } from "@gyre/local/testing/index";
import { captureFile, watchedChurn } from "../e2e/support/capture-files";
import { churnCsv } from "../examples/churn/generate";

const FILES = 50;
const RECORDS_PER_FILE = 1000;
const SEQUENTIAL_FILES = 10;
/** Capture events the local bus has in delivery at once when files land together. */
const IN_FLIGHT = 4;

/**
 * Monitoring on the real local parts, run as the runtime runs them (DynamoDB and S3 on threads
 * of their own): capture files of one-row invocations (as SageMaker writes them) read into a
 * window, in records per second, one at a time and as the bus delivers them, and the
 * exact-mode report of the 50,000-row window they make, against a 5,000-row churn baseline.
 */
export async function benchMonitoring(): Promise<void> {
  // As the runtime runs: DynamoDB and S3 on threads of their own, S3 announcing only the
  // keys some subscription watches.
  const t = await startTestPlatform({ s3: true, serverThreads: true, watchedBy: subscriptions });
  try {
    const monitor = await watchedChurn(t, 5000);
    await Monitoring.updateMonitor(
      monitor.id,
      Monitoring.MonitorSettings.parse({ maxSamples: FILES * RECORDS_PER_FILE }),
      t,
    );
    const files = [];
    for (let i = 0; i < FILES; i++) {
      const csv = churnCsv({ rows: RECORDS_PER_FILE, seed: 100 + i });
      files.push(await captureFile(t, csv, { perRecord: 1 }));
    }
    const sequential = await ingestRate(t, files.slice(0, SEQUENTIAL_FILES), 1);
    console.log(
      `monitoring: capture ingest, one file at a time: ${sequential.toLocaleString("en")} records/s (${SEQUENTIAL_FILES} files of ${RECORDS_PER_FILE} one-row records)`,
    );
    const rest = files.slice(SEQUENTIAL_FILES, -1);
    const concurrent = await ingestRate(t, rest, IN_FLIGHT);
    console.log(
      `monitoring: capture ingest ${concurrent.toLocaleString("en")} records/s (${rest.length} files of ${RECORDS_PER_FILE} one-row records, ${IN_FLIGHT} at a time as the bus delivers them: read, claimed, counted, stored; target ≥ 50,000)`,
    );
    const before = performance.now();
    const outcome = await Monitoring.onCaptureObject(files.at(-1) as (typeof files)[number], t);
    const reportMs = performance.now() - before;
    if (!("report" in outcome && outcome.report)) throw new Error("the last file closed no window");
    console.log(
      `monitoring: closing a ${(FILES * RECORDS_PER_FILE).toLocaleString("en")}-row window into an exact report (11 features, 5,000-row baseline, last file included): ${(reportMs / 1000).toFixed(2)} s`,
    );
  } finally {
    await t.close();
  }
}

/** Records per second ingesting `files`, `inFlight` of them at a time. */
async function ingestRate(
  t: Parameters<typeof Monitoring.onCaptureObject>[1],
  files: { key: string; etag: string }[],
  inFlight: number,
): Promise<number> {
  const queue = [...files];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let file = queue.shift(); file; file = queue.shift())
        await Monitoring.onCaptureObject(file, t);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return Math.round((files.length * RECORDS_PER_FILE) / seconds);
}
