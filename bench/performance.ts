import { performance } from "node:perf_hooks";
import {
  addClassification,
  addEstimated,
  addLabelled,
  emptyClassificationCounts,
  emptyScoreHistogram,
  estimatePerformance,
  histogramRocArea,
  performanceOf,
} from "@gyre/profile/performance/index";
import { formatRate } from "./stats";

const ROWS = 1_000_000;

/** One window of 1,000,000 scored binary predictions: exact metrics, CBPE, and the mergeable states. */
export async function benchPerformance(): Promise<void> {
  const { labels, scores } = calibratedWindow(ROWS);
  time("performanceOf (validated, exact AUC)", () =>
    performanceOf({ kind: "classification", labels, scores }),
  );
  time("estimatePerformance (CBPE, exact AUC)", () => estimatePerformance(scores));
  time("classification counts, row by row", () => {
    const counts = emptyClassificationCounts();
    for (let i = 0; i < ROWS; i++) addClassification(counts, labels[i] === 1, scores[i] as number);
    return counts;
  });
  time("score histograms (real + CBPE) and their AUC", () => {
    const real = emptyScoreHistogram();
    const estimated = emptyScoreHistogram();
    for (let i = 0; i < ROWS; i++) {
      addLabelled(real, labels[i] === 1, scores[i] as number);
      addEstimated(estimated, scores[i] as number);
    }
    return [histogramRocArea(real), histogramRocArea(estimated)];
  });
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(`performance: peak RSS ${peakMb.toFixed(0)} MB (${ROWS} rows)`);
}

function time(what: string, run: () => unknown): void {
  const started = performance.now();
  run();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `performance: ${what}: ${seconds.toFixed(2)} s, ${formatRate(ROWS / seconds)} rows/s`,
  );
}

/** Labels drawn from the scores (a seeded LCG), so they are calibrated. */
function calibratedWindow(rows: number): { labels: (0 | 1)[]; scores: number[] } {
  let random = 12345;
  const next = () => {
    random = (Math.imul(random, 1664525) + 1013904223) >>> 0;
    return random / 2 ** 32;
  };
  const scores = Array.from({ length: rows }, () => Math.round(next() * 1e6) / 1e6);
  const labels = scores.map((p) => (next() < p ? 1 : 0) as 0 | 1);
  return { labels, scores };
}
