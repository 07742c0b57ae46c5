import { Command } from "commander";
import { registerTestPattern } from "./commands/test-pattern";

const program = new Command("gyre")
  .description("Gyre: event-driven MLOps on AWS. Talks to a running Gyre at $GYRE_API_URL.")
  .showHelpAfterError()
  .showSuggestionAfterError();

const events = program.command("events").description("Work with Gyre's events and event patterns.");
registerTestPattern(events);

await program.parseAsync();
