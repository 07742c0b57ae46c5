import { readFileSync } from "node:fs";
import { CliError } from "./cli-error";

export class InputError extends CliError {}

/** A JSON option value given inline or as `@path/to/file.json`. */
export function readJsonOption(option: string, value: string): unknown {
  const text = value.startsWith("@") ? readFile(option, value.slice(1)) : value;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`--${option} is not valid JSON: ${(error as Error).message}`);
  }
}

function readFile(option: string, path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new InputError(
      `--${option}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
}
