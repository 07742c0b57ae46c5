import {
  createToken,
  DynamoTokenStore,
  FileTokenStore,
  revokeToken,
  roles,
  TokenName,
  type TokenStore,
} from "@gyre/core/platform/auth/index";
import { createDocumentClient } from "@gyre/core/platform/state/client";
import { tokensFile } from "@gyre/local/config";
import { type Command, Option } from "commander";
import { CliError } from "../client";
import { local } from "../settings";
import { table } from "../table";

const awsOption = [
  "--aws",
  "a deployed Gyre's tokens table ($GYRE_TOKENS_TABLE, printed by npm run sst -- deploy), with your AWS credentials",
] as const;

export function registerToken(program: Command): void {
  const token = program
    .command("token")
    .description(
      "Manage API tokens: the local Gyre's (hashes under GYRE_HOME) or, with --aws, a deployed one's.",
    );
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
    .option(...awsOption)
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
      const { token: value } = await createToken(tokenStore(options), options);
      console.log(value);
    });
  token
    .command("ls")
    .description("List tokens by name: role and creation time (Gyre has only their hashes).")
    .option(...awsOption)
    .action(async (options: { aws?: boolean }) => {
      const tokens = await tokenStore(options).list();
      if (tokens.length === 0)
        return console.log("No tokens yet: create one with gyre token create.");
      console.log(
        table(
          ["name", "role", "created"],
          tokens.map((t) => [t.name, t.role, t.createdAt]),
        ),
      );
    });
  token
    .command("revoke <name>")
    .description("Revoke a token by name: Gyre refuses it from now on, and the name is free again.")
    .option(...awsOption)
    .action(async (name: string, options: { aws?: boolean }) => {
      const revoked = await revokeToken(tokenStore(options), name);
      console.log(`revoked token ${revoked.name} (${revoked.role})`);
    });
}

function tokenStore(options: { aws?: boolean }): TokenStore {
  if (!options.aws) return new FileTokenStore(tokensFile(local().home));
  if (!process.env.GYRE_TOKENS_TABLE) {
    throw new CliError(
      "--aws needs GYRE_TOKENS_TABLE: the tokensTable output of `npm run sst -- deploy`.",
    );
  }
  return new DynamoTokenStore(createDocumentClient());
}
