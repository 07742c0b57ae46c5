import type { LocalConfig } from "./config";

const DEFAULT_API_PORT = 7700;

/**
 * What another shell must export for `npx gyre` to reach this Gyre, or nothing with the
 * defaults: the API's URL when it is not on 7700 (the API tells the CLI where its S3 is), and
 * GYRE_HOME when it was set (`gyre token create` writes the token hashes there).
 */
export function cliExports(config: LocalConfig, apiPort: number, env = process.env): string {
  const vars = [
    apiPort !== DEFAULT_API_PORT && `GYRE_API_URL=http://${config.host}:${apiPort}`,
    env.GYRE_HOME && `GYRE_HOME=${quoted(config.home)}`,
  ].filter(Boolean);
  return vars.length ? `export ${vars.join(" ")}` : "";
}

function quoted(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
