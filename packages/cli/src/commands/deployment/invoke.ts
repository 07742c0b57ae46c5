import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { apiClient, CliError } from "../../client";
import { invokeEndpoint } from "./invocation";

/** `gyre invoke`: send rows to an endpoint and print its answer, with the variant that gave it. */
export function registerInvoke(program: Command, env: NodeJS.ProcessEnv = process.env) {
  program
    .command("invoke <endpoint>")
    .description("Invoke an endpoint with rows (CSV or JSON) and print the predictions.")
    .option("--file <rows>", "a file of rows (.csv, .json or .jsonl)")
    .option("--data <body>", "the body inline")
    .option("--content-type <type>", "default: from the file's extension, else text/csv")
    .option("--accept <type>", "what to ask the model for", "application/json")
    .action(
      async (
        endpoint: string,
        options: { file?: string; data?: string; contentType?: string; accept: string },
      ) => {
        if (!options.file === !options.data)
          throw new CliError("Give exactly one of --file and --data.");
        const body = options.file ? readRows(options.file) : Buffer.from(options.data as string);
        const contentType = options.contentType ?? typeOf(options.file ?? "", options.data);
        const { url } = apiClient(env);
        if (!env.GYRE_TOKEN)
          throw new CliError("Set GYRE_TOKEN to a token (npx gyre token create --role pipeline).");
        const answer = await invokeEndpoint({ url, token: env.GYRE_TOKEN }, endpoint, {
          body,
          contentType,
          accept: options.accept,
        });
        const { text, variant, version } = answer;
        console.error(`${endpoint}: answered by ${variant} (model version ${version})`);
        console.log(text.trimEnd());
      },
    );
}

function readRows(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new CliError(
      `--file: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
}

function typeOf(file: string, data: string | undefined): string {
  if (/\.jsonl$/.test(file)) return "application/jsonlines";
  if (/\.json$/.test(file) || /^\s*[[{]/.test(data ?? "")) return "application/json";
  return "text/csv";
}
