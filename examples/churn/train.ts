/**
 * The churn trainer, run by Gyre as a job (AWS Batch, or a child process locally):
 *   npx tsx examples/churn/train.ts
 * with GYRE_RUN_ID, GYRE_DATASET_URI, GYRE_HYPERPARAMETERS and GYRE_OUTPUT_URI set.
 * Progress goes to stdout, a failure to stderr with exit code 1.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { readJobEnvironment } from "./contract";
import { appendCsv, emptyFrame } from "./frame";
import { readObjects, writeJson } from "./s3io";
import { outputFiles, trainOnFrame } from "./training";

const log = (line: string) => console.log(`[train] ${line}`);

async function main(): Promise<void> {
  const job = readJobEnvironment(process.env);
  const hyperparameters = job.GYRE_HYPERPARAMETERS;
  log(`run ${job.GYRE_RUN_ID}: ${JSON.stringify(hyperparameters)}`);
  if (hyperparameters.failWith === "exit") {
    console.error("[train] failing on purpose (hyperparameter failWith=exit)");
    process.exit(1);
  }
  if (hyperparameters.failWith === "throw") throw new Error("failing on purpose (failWith=throw)");
  if (hyperparameters.sleepSeconds) {
    log(`sleeping ${hyperparameters.sleepSeconds}s (hyperparameter sleepSeconds)`);
    await sleep(hyperparameters.sleepSeconds * 1000);
  }

  const frame = emptyFrame();
  for await (const part of readObjects(job.GYRE_DATASET_URI)) {
    appendCsv(frame, part.text, part.uri);
    log(`read ${part.uri}: ${frame.length} rows so far`);
  }
  log(`dataset: ${frame.length} rows, ${frame.names.length} columns`);

  const result = trainOnFrame(frame, hyperparameters, { runId: job.GYRE_RUN_ID, log });
  log(`metrics: ${JSON.stringify(result.metrics)}`);

  for (const [key, value, pretty] of outputFiles(result)) {
    log(`wrote ${await writeJson(job.GYRE_OUTPUT_URI, key, value, { pretty })}`);
  }
  log("done");
}

main().catch((error: Error) => {
  console.error(`[train] failed: ${error.message}`);
  process.exitCode = 1;
});
