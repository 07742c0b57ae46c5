// Run with `node --import tsx crashing-runner.ts <home> <script>`: a Gyre that submits one job,
// prints its id once it runs, and then waits to be killed (a crash, to the next runner).
import { LocalBatch } from "../../src/batch/index";
import { nodeJob, spotRetry } from "./jobs";

const [home = "", script = ""] = process.argv.slice(2);
const batch = await LocalBatch.start({
  home,
  bus: {
    putEvents: async (entries) => ({
      FailedEntryCount: 0,
      Entries: entries.map((_, index) => ({ EventId: String(index) })),
    }),
  },
  account: "123456789012",
  region: "eu-west-1",
  vcpus: 1,
  memoryMiB: 1024,
  gpus: 0,
  log: () => {},
});
const job = await batch.submit(nodeJob(script, { retryStrategy: spotRetry }));
while ((await batch.logs(job.jobId)).lines.length === 0)
  await new Promise((r) => setTimeout(r, 20));
console.log(JSON.stringify({ jobId: job.jobId }));
setInterval(() => {}, 1000);
