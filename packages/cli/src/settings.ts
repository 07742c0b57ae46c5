import { ConfigError, localConfig } from "@gyre/local/config";
import { CliError } from "./cli-error";

/**
 * The API's URL: $GYRE_API_URL, else the local Gyre on $GYRE_PORT (default 7700), read the way
 * `npm start` reads it.
 */
export function apiUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.GYRE_API_URL || `http://127.0.0.1:${local(env).port}`;
  return url.replace(/\/+$/, "");
}

/** Whether the URL names this machine (then the local S3 is the default place for data). */
export function isLocalUrl(url: string): boolean {
  return /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/|$)/.test(url);
}

/** The local runtime's settings ($GYRE_PORT, $GYRE_S3_PORT, $GYRE_HOME, ...), a bad one as one line. */
export function local(env: NodeJS.ProcessEnv = process.env) {
  try {
    return localConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}
