import { createToken, FileTokenStore, roles, TokenName } from "@gyre/core/platform/auth/index";
import { localConfig, tokensFile } from "@gyre/local/config";
import { type Command, Option } from "commander";
import { CliError } from "../client";

export function registerToken(program: Command): void {
  const token = program
    .command("token")
    .description("Manage API tokens of the local Gyre (stored hashed under GYRE_HOME).");
  token
    .command("create")
    .description(
      "Create a token and print it (only once: Gyre keeps just its hash). Works whether or not Gyre runs.",
    )
    .addOption(
      new Option("--role <role>", "what the token may do").choices(roles).makeOptionMandatory(),
    )
    .option(
      "--name <name>",
      "who uses it: recorded as the actor in events and audit entries (default <role>-<random>)",
    )
    .addHelpText(
      "after",
      "\nExample:\n  $ export GYRE_TOKEN=$(npx gyre token create --role admin --name alice)",
    )
    .action(async (options: { role: (typeof roles)[number]; name?: string }) => {
      if (options.name !== undefined && !TokenName.safeParse(options.name).success) {
        throw new CliError(
          `--name ${options.name}: use 1-64 letters, digits, '.', '_', '@' or '-'.`,
        );
      }
      const store = new FileTokenStore(tokensFile(localConfig().home));
      const { token: value } = await createToken(store, options);
      console.log(value);
    });
}
