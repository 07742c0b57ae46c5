import type { Command } from "commander";
import { type ApiClient, apiClient, CliError, ok, typed } from "../client";
import { readJsonOption } from "../json-input";
import { tailEvents } from "./events-tail";

// The API validates what the user wrote: the CLI passes it on as the object the API expects.
type JsonObject = Record<string, unknown>;

export function registerEventCommands(events: Command, client: () => ApiClient = apiClient): void {
  events
    .command("tail")
    .description("Follow new events live, one line each (Ctrl-C to stop).")
    .option("--source <source>", "only events from this source, e.g. aws.s3")
    .option("--detail-type <type>", 'only this detail-type, e.g. "Object Created"')
    .option("--since <time>", "start from this ISO time instead of now")
    .option("--json", "print each whole event as a JSON line")
    .action((options) => tailEvents(typed(client()), options));

  events
    .command("put")
    .description("Put one event on the bus (admin). Prints the PutEvents-style answer.")
    .requiredOption("--source <source>", "e.g. gyre.test")
    .requiredOption("--detail-type <type>", 'e.g. "Thing Happened"')
    .requiredOption("--detail <json|@file>", "the detail: a JSON object")
    .option("--resources <arns...>", "resource ARNs")
    .action(
      async (options: {
        source: string;
        detailType: string;
        detail: string;
        resources?: string[];
      }) => {
        const entry = {
          source: options.source,
          detailType: options.detailType,
          detail: readJsonOption("detail", options.detail) as JsonObject,
          ...(options.resources ? { resources: options.resources } : {}),
        };
        const answer = await ok(typed(client()).POST("/events", { body: { entries: [entry] } }));
        console.log(JSON.stringify(answer));
        if (answer.failedEntryCount > 0) process.exitCode = 1;
      },
    );

  events
    .command("replay")
    .description(
      "Replay archived events received between --from and --to to the rules they match (admin).",
    )
    .requiredOption("--from <time>", "ISO time, e.g. 2026-11-26T10:00:00Z")
    .requiredOption("--to <time>", "ISO time")
    .option("--pattern <json|@file>", "replay only events matching this EventBridge pattern")
    .option("--name <name>", "the replay's name (events carry it as replay-name)")
    .action(async (options: { from: string; to: string; pattern?: string; name?: string }) => {
      const body = {
        from: options.from,
        to: options.to,
        ...(options.pattern
          ? { pattern: readJsonOption("pattern", options.pattern) as JsonObject }
          : {}),
        ...(options.name ? { name: options.name } : {}),
      };
      console.log(JSON.stringify(await ok(typed(client()).POST("/events/replay", { body }))));
    });

  events
    .command("dead-letters")
    .description("List events a target never accepted, newest first, with the last error.")
    .option("--limit <n>", "how many", "20")
    .action(async (options: { limit: string }) => {
      const page = await ok(
        typed(client()).GET("/events/dead-letters", {
          params: { query: { limit: Number(options.limit) } },
        }),
      );
      if (page.items.length === 0)
        console.log("No dead letters: every target accepted its events.");
      for (const letter of page.items) console.log(JSON.stringify(letter));
    });
}

export { CliError };
