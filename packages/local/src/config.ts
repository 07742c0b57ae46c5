import { resolve } from "node:path";

export interface LocalConfig {
  home: string;
  host: string;
  port: number;
  s3Port: number;
  bucket: string;
  region: string;
  account: string;
  /** How often sweeps run (monitoring's window closing): GYRE_TICK_SECONDS, default 5. */
  tickSeconds: number;
}

/** The local runtime's settings, from the environment with DESIGN.md's defaults. */
export function localConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  return {
    home: resolve(env.GYRE_HOME ?? ".gyre"),
    host: "127.0.0.1",
    port: portFrom(env, "GYRE_PORT", 7700),
    s3Port: portFrom(env, "GYRE_S3_PORT", 7701),
    bucket: env.GYRE_BUCKET ?? "gyre-data",
    region: env.AWS_REGION ?? "us-east-1",
    account: env.GYRE_ACCOUNT ?? "000000000000",
    tickSeconds: secondsFrom(env, "GYRE_TICK_SECONDS", 5),
  };
}

export function tokensFile(home: string): string {
  return resolve(home, "tokens.json");
}

export class ConfigError extends Error {}

function portFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${name}=${value} is not a port number (0-65535).`);
  }
  return port;
}

function secondsFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === "") return fallback;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0.1 || seconds > 3600) {
    throw new ConfigError(`${name}=${value} is not a number of seconds (0.1-3600).`);
  }
  return seconds;
}
