import {
  createToken,
  DynamoTokenStore,
  FileTokenStore,
  roles,
  TokenName,
  type TokenStore,
} from "@gyre/core/platform/auth/index";
import { createDocumentClient } from "@gyre/core/platform/state/client";
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
    .option(
      "--aws",
      "store the hash in a deployed Gyre's tokens table ($GYRE_TOKENS_TABLE, printed by sst deploy) with your AWS credentials",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  $ export GYRE_TOKEN=$(npx gyre token create --role admin --name alice)\n  $ GYRE_TOKENS_TABLE=<tokensTable output> npx gyre token create --aws --role pipeline --name ci",
    )
    .action(async (options: { role: (typeof roles)[number]; name?: string; aws?: boolean }) => {
      if (options.name !== undefined && !TokenName.safeParse(options.name).success) {
        throw new CliError(
          `--name ${options.name}: use 1-64 letters, digits, '.', '_', '@' or '-'.`,
        );
      }
      const store = options.aws
        ? awsTokenStore()
        : new FileTokenStore(tokensFile(localConfig().home));
      const { token: value } = await createToken(store, options);
      console.log(value);
    });
}

function awsTokenStore(): TokenStore {
  if (!process.env.GYRE_TOKENS_TABLE) {
    throw new CliError(
      "--aws needs GYRE_TOKENS_TABLE: the tokensTable output of `npx sst deploy`.",
    );
  }
  return new DynamoTokenStore(createDocumentClient());
}
