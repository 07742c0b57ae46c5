import { type ChildProcess, spawn } from "node:child_process";
import { appendFile, mkdir, open, readFile } from "node:fs/promises";
import { constants } from "node:os";
import { dirname } from "node:path";
import type { ProcessEnd } from "./outcome";

export interface LaunchOptions {
  command: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
}

export interface LaunchHandlers {
  spawned(pid: number): void;
  ended(end: ProcessEnd): void;
}

export interface AttemptProcess {
  /** Signals the attempt's whole process group; after SIGTERM, SIGKILL follows if it outlives `graceMs`. */
  stop(signal: "SIGTERM" | "SIGKILL", graceMs: number): void;
}

/**
 * Runs one attempt as a child process, without a shell, stdout and stderr appended to its log
 * file by the OS. The child leads its own process group, so a terminal's Ctrl-C reaches Gyre
 * alone (which then stops its jobs the Batch way) and stopping it also stops what it started.
 */
export async function launchAttempt(
  options: LaunchOptions,
  handlers: LaunchHandlers,
): Promise<AttemptProcess> {
  await mkdir(dirname(options.logFile), { recursive: true });
  const log = await open(options.logFile, "a");
  let ended = false;
  let killTimer: NodeJS.Timeout | undefined;
  const end = (result: ProcessEnd) => {
    if (ended) return;
    ended = true;
    clearTimeout(killTimer);
    handlers.ended(result);
  };
  let child: ChildProcess;
  try {
    const [file = "", ...args] = options.command;
    child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ["ignore", log.fd, log.fd],
    });
    // Listen before awaiting anything: `spawn` comes on the next tick.
    child.once("spawn", () => handlers.spawned(child.pid as number));
    child.once("exit", (code, signal) => end({ kind: "exited", exitCode: exitCode(code, signal) }));
    child.once("error", (error) => {
      const message = `${options.command[0]}: ${error.message}`;
      void appendFile(options.logFile, `gyre: could not start the job's command: ${message}\n`)
        .catch(() => {})
        .finally(() => end({ kind: "not-started", message }));
    });
  } finally {
    await log.close();
  }
  return {
    stop(signal, graceMs) {
      if (ended || child.pid === undefined) return;
      signalGroup(child.pid, signal);
      if (signal === "SIGTERM")
        killTimer ??= setTimeout(() => signalGroup(child.pid as number, "SIGKILL"), graceMs);
    },
  };
}

/** A container's exit code: the process's own, or 128 + the signal number when a signal ended it. */
function exitCode(code: number | null, signal: NodeJS.Signals | null): number {
  return code ?? 128 + (signal ? constants.signals[signal] : 0);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {}
  }
}

/**
 * Kills an attempt left running by a Gyre that crashed, if `pid` is still that attempt: checked
 * through /proc (Linux), so a reused pid is never signalled. Elsewhere it returns false.
 */
export async function killOrphan(pid: number, jobId: string): Promise<boolean> {
  const environ = await readFile(`/proc/${pid}/environ`, "utf8").catch(() => "");
  if (!environ.split("\0").includes(`AWS_BATCH_JOB_ID=${jobId}`)) return false;
  signalGroup(pid, "SIGKILL");
  return true;
}
