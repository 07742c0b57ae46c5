import { createInterface } from "node:readline";
import { type CompiledPattern, compilePattern } from "@gyre/core/platform/pattern/index";
import type { Command } from "commander";
import { InputError, readJsonOption } from "../json-input";

type Outcome = { Result: boolean } | { Error: string };

export function registerTestPattern(events: Command): void {
  events
    .command("test-pattern")
    .description(
      "Test whether an EventBridge event pattern matches an event, like `aws events test-event-pattern`.",
    )
    .option("--pattern <json|@file>", "the event pattern, inline JSON or @path to a JSON file")
    .option("--event <json|@file>", "the event, inline JSON or @path to a JSON file")
    .option(
      "--batch",
      'read JSON lines {"pattern": ..., "event": ...} from stdin; write one result line each',
    )
    .addHelpText(
      "after",
      `
Prints {"Result":true} or {"Result":false} and exits 0; an invalid pattern or
event prints {"Error":"<what is wrong>"} and exits 2.

Examples:
  $ gyre events test-pattern --pattern '{"source":["aws.s3"]}' --event '{"source":"aws.s3"}'
  $ gyre events test-pattern --pattern @rule.json --event @event.json
  $ printf '%s\\n' '{"pattern":{"a":[1]},"event":{"a":1}}' | gyre events test-pattern --batch`,
    )
    .action(
      async (options: { pattern?: string; event?: string; batch?: boolean }, command: Command) => {
        if (options.batch) return runBatch();
        if (!options.pattern || !options.event) {
          command.error("error: --pattern and --event are both required (or use --batch)");
        }
        const pattern = options.pattern;
        const event = options.event;
        const outcome = outcomeOf(() =>
          compilePattern(readJsonOption("pattern", pattern)).matches(
            readJsonOption("event", event),
          ),
        );
        console.log(JSON.stringify(outcome));
        if ("Error" in outcome) process.exitCode = 2;
      },
    );
}

function outcomeOf(test: () => boolean): Outcome {
  try {
    return { Result: test() };
  } catch (error) {
    return { Error: error instanceof Error ? error.message : String(error) };
  }
}

async function runBatch(): Promise<void> {
  const cache = new PatternCache();
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === "") continue;
    const outcome = outcomeOf(() => {
      const input = parseLine(line, lineNumber);
      const pattern = cache.compile(field(input, "pattern", lineNumber));
      return pattern.matches(field(input, "event", lineNumber));
    });
    process.stdout.write(`${JSON.stringify(outcome)}\n`);
  }
}

function parseLine(line: string, lineNumber: number): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value === "object" && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {}
  throw new InputError(`line ${lineNumber}: expected a JSON object {"pattern": ..., "event": ...}`);
}

function field(line: Record<string, unknown>, name: string, lineNumber: number): unknown {
  if (!(name in line)) throw new InputError(`line ${lineNumber}: missing "${name}"`);
  return line[name];
}

/** Batch input often repeats a few patterns over many events: compile each once. */
class PatternCache {
  private readonly compiled = new Map<string, CompiledPattern>();

  compile(pattern: unknown): CompiledPattern {
    const key = JSON.stringify(pattern);
    let hit = this.compiled.get(key);
    if (!hit) {
      hit = compilePattern(pattern);
      if (this.compiled.size > 1000) this.compiled.clear();
      this.compiled.set(key, hit);
    }
    return hit;
  }
}
