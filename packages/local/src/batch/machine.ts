import { execFile } from "node:child_process";
import { availableParallelism, totalmem } from "node:os";
import { promisify } from "node:util";
import { ConfigError } from "../config";

/** What this machine offers the runner, in Batch's units: vCPUs, MiB of memory, whole GPUs. */
export interface Machine {
  vcpus: number;
  memoryMiB: number;
  gpus: number;
}

export interface MachineOverrides {
  vcpus?: number;
  memoryMiB?: number;
  gpus?: number;
}

/** Explicit options win, then GYRE_LOCAL_VCPUS / GYRE_LOCAL_MEMORY_MIB / GYRE_LOCAL_GPUS, then what the OS reports. */
export async function machineResources(
  overrides: MachineOverrides = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<Machine> {
  return {
    vcpus: overrides.vcpus ?? fromEnv(env, "GYRE_LOCAL_VCPUS") ?? availableParallelism(),
    memoryMiB:
      overrides.memoryMiB ??
      fromEnv(env, "GYRE_LOCAL_MEMORY_MIB") ??
      Math.floor(totalmem() / 1024 / 1024),
    gpus: overrides.gpus ?? (await detectGpus(env)),
  };
}

/**
 * GPUs the runner may hand out: GYRE_LOCAL_GPUS when set (to share or hide GPUs), else the
 * count `nvidia-smi -L` lists, else 0 (no NVIDIA driver on this machine).
 */
export async function detectGpus(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const configured = fromEnv(env, "GYRE_LOCAL_GPUS", { whole: true });
  if (configured !== undefined) return configured;
  try {
    const { stdout } = await promisify(execFile)("nvidia-smi", ["-L"], { timeout: 5_000 });
    return stdout.split("\n").filter((line) => /^GPU \d+/.test(line)).length;
  } catch {
    return 0;
  }
}

function fromEnv(
  env: NodeJS.ProcessEnv,
  name: string,
  options: { whole?: boolean } = {},
): number | undefined {
  const value = env[name];
  if (value === undefined || value === "") return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || (options.whole && !Number.isInteger(number))) {
    const kind = options.whole ? "a whole number" : "a number";
    throw new ConfigError(`${name}=${value} is not ${kind}, 0 or more.`);
  }
  return number;
}
