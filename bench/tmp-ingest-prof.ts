import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { performance } from "node:perf_hooks";
import * as Monitoring from "@gyre/core/monitoring/index";
import { startTestPlatform } from "@gyre/local/testing/index";
import { captureFile, watchedChurn } from "../e2e/support/capture-files";
import { churnCsv } from "../examples/churn/generate";

const t = await startTestPlatform({ s3: true, serverThreads: !process.env.NOTHREADS });
const monitor = await watchedChurn(t, 5000);
await Monitoring.updateMonitor(
  monitor.id,
  Monitoring.MonitorSettings.parse({ maxSamples: 1e6 }),
  t,
);
const files = [];
for (let i = 0; i < 40; i++)
  files.push(await captureFile(t, churnCsv({ rows: 1000, seed: 100 + i }), { perRecord: 1 }));
const s = new Session();
s.connect();
const prof = !!process.env.PROF;
if (prof) {
  await s.post("Profiler.enable");
  await s.post("Profiler.start");
}
const elu0 = performance.eventLoopUtilization();
const start = performance.now();
const cpu0 = process.cpuUsage();
const C = Number(process.env.C ?? 1);
let next = 0;
await Promise.all(
  Array.from({ length: C }, async () => {
    while (next < files.length) await Monitoring.onCaptureObject(files[next++], t);
  }),
);
const ms = performance.now() - start;
if (prof) {
  const { profile } = await s.post("Profiler.stop");
  writeFileSync("/tmp/ingest.cpuprofile", JSON.stringify(profile));
}
const cpu = process.cpuUsage(cpu0);
const elu = performance.eventLoopUtilization(elu0);
console.log("main active ms/file", (elu.active / 40).toFixed(1));
console.log(
  "cpu ms/file",
  ((cpu.user + cpu.system) / 1000 / 40).toFixed(1),
  "records/s",
  Math.round(40000 / (ms / 1000)),
  "ms/file",
  (ms / 40).toFixed(1),
);
await t.close();
