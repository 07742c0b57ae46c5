import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { generateChurn } from "@gyre/examples/churn/generate";
import type { Command } from "commander";
import { CliError } from "../client";

interface ChurnOptions {
  rows: string;
  drift: string;
  seed: string;
}

export function registerExample(program: Command, output: Writable = process.stdout): void {
  const example = program
    .command("example")
    .description("Print a built-in example dataset (works offline, no running Gyre needed).");
  example
    .command("churn")
    .description(
      "Write synthetic customer-churn data as CSV to stdout: header first, the same rows for the same seed. Its training pipeline is examples/churn/pipeline.json.",
    )
    .option("--rows <n>", "how many customers (rows)", "5000")
    .option("--drift <x>", "shift the features from 0 (reference population) to 1 (strong)", "0")
    .option("--seed <s>", "random seed: same seed, same data", "42")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  $ gyre example churn --rows 5000 > churn.csv",
        "  $ gyre data push churn.csv --dataset churn",
        "  $ gyre example churn --rows 5000 --drift 0.8 --seed 43 > churn-drifted.csv",
      ].join("\n"),
    )
    .action((options: ChurnOptions) =>
      writeLines(
        generateChurn({
          rows: parseNumber("--rows", options.rows, { integer: true, min: 1, max: 100_000_000 }),
          drift: parseNumber("--drift", options.drift, { min: 0, max: 1 }),
          seed: parseNumber("--seed", options.seed, { integer: true, min: 0, max: 2 ** 32 - 1 }),
        }),
        output,
      ),
    );
}

function parseNumber(
  flag: string,
  text: string,
  rule: { integer?: boolean; min: number; max: number },
): number {
  const value = text.trim() === "" ? Number.NaN : Number(text);
  const kind = rule.integer ? "a whole number" : "a number";
  if (!Number.isFinite(value) || (rule.integer && !Number.isInteger(value))) {
    throw new CliError(`${flag} ${text}: expected ${kind} from ${rule.min} to ${rule.max}.`);
  }
  if (value < rule.min || value > rule.max) {
    throw new CliError(`${flag} ${text}: expected ${kind} from ${rule.min} to ${rule.max}.`);
  }
  return value;
}

/** Streams with backpressure, a thousand lines per write; a reader that stops early (| head) is fine. */
async function writeLines(lines: Iterable<string>, output: Writable): Promise<void> {
  await pipeline(Readable.from(chunks(lines, 1000)), output, { end: false }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
    },
  );
}

function* chunks(lines: Iterable<string>, size: number): Generator<string> {
  let chunk: string[] = [];
  for (const line of lines) {
    chunk.push(line);
    if (chunk.length === size) {
      yield chunk.join("");
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk.join("");
}
