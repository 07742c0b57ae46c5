import { performance } from "node:perf_hooks";
import * as Monitoring from "@gyre/core/monitoring/index";
import { startTestPlatform } from "@gyre/local/testing/index";
import { captureFile, watchedChurn } from "../e2e/support/capture-files";
import { churnCsv } from "../examples/churn/generate";

const FILES = 50;
const RECORDS_PER_FILE = 1000;

/**
 * Monitoring on the real local parts: capture files of one-row invocations (as SageMaker
 * writes them) read into a window, in records per second, and the exact-mode report of the
 * 50,000-row window they make, against a 5,000-row churn baseline.
 */
export async function benchMonitoring(): Promise<void> {
  const t = await startTestPlatform({ s3: true });
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
    let reportMs = 0;
    const started = performance.now();
    for (const [i, file] of files.entries()) {
      const before = performance.now();
      const outcome = await Monitoring.onCaptureObject(file, t);
      if (i === files.length - 1 && "report" in outcome && outcome.report) {
        reportMs = performance.now() - before;
      }
    }
    const totalMs = performance.now() - started;
    const ingestMs = totalMs - reportMs;
    const records = (FILES - 1) * RECORDS_PER_FILE;
    console.log(
      `monitoring: capture ingest ${Math.round(records / (ingestMs / 1000)).toLocaleString("en")} records/s (${FILES - 1} files of ${RECORDS_PER_FILE} one-row records, read, claimed, counted, stored; target ≥ 50,000)`,
    );
    console.log(
      `monitoring: closing a ${(FILES * RECORDS_PER_FILE).toLocaleString("en")}-row window into an exact report (11 features, 5,000-row baseline, last file included): ${(reportMs / 1000).toFixed(2)} s`,
    );
  } finally {
    await t.close();
  }
}
