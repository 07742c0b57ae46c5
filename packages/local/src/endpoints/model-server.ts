import { join } from "node:path";
import type { ServingModel } from "@gyre/core/platform/endpoints/port";
import { type AttemptProcess, launchAttempt } from "../batch/attempt-process";
import { freePort } from "../net";

export interface ServerContext {
  home: string;
  cwd: string;
  region: string;
  s3Endpoint?: string;
  /** Told of each server process, so a restart can stop orphans. */
  onSpawn?(instance: string, pid: number): void;
  onExit?(instance: string): void;
}

export interface ModelServer {
  port: number;
  /** Resolves when /ping answers 200; rejects after `timeoutMs` or if the process ends first. */
  ready(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * One instance of a model version's server, speaking SageMaker's container contract: a child
 * process of `serve.local.command` told its port (SAGEMAKER_BIND_TO_PORT) and its artifact
 * (SM_MODEL_DIR, the version's S3 prefix, reachable through the local S3).
 */
export async function startModelServer(
  serving: ServingModel,
  instance: string,
  context: ServerContext,
): Promise<ModelServer> {
  if (!serving.localCommand?.length) {
    throw new Error(
      `${serving.model} v${serving.version} has no serve.local.command, so it cannot run on this machine.`,
    );
  }
  const port = await freePort();
  let ended: string | undefined;
  let process: AttemptProcess | undefined;
  let exited!: () => void;
  const gone = new Promise<void>((resolve) => {
    exited = resolve;
  });
  process = await launchAttempt(
    {
      command: serving.localCommand,
      cwd: context.cwd,
      env: { ...serverEnvironment(serving, port, context), GYRE_MODEL_SERVER: instance },
      logFile: join(context.home, "endpoints", "logs", `${instance}.log`),
    },
    {
      spawned: (pid) => context.onSpawn?.(instance, pid),
      ended: (end) => {
        ended = `the server exited (${JSON.stringify(end)})`;
        context.onExit?.(instance);
        exited();
      },
    },
  );
  return {
    port,
    ready: (timeoutMs) => waitForPing(port, timeoutMs, () => ended),
    async stop() {
      if (ended) return;
      process?.stop("SIGTERM", 2_000);
      await Promise.race([gone, new Promise((r) => setTimeout(r, 3_000))]);
      process = undefined;
    },
  };
}

function serverEnvironment(serving: ServingModel, port: number, context: ServerContext) {
  return {
    ...globalThis.process.env,
    ...(context.s3Endpoint ? { AWS_ENDPOINT_URL_S3: context.s3Endpoint } : {}),
    AWS_ACCESS_KEY_ID: globalThis.process.env.AWS_ACCESS_KEY_ID ?? "gyre-local",
    AWS_SECRET_ACCESS_KEY: globalThis.process.env.AWS_SECRET_ACCESS_KEY ?? "gyre-local",
    AWS_REGION: context.region,
    AWS_DEFAULT_REGION: context.region,
    ...serving.environment,
    SAGEMAKER_BIND_TO_PORT: String(port),
    GYRE_SERVE_PORT: String(port),
    GYRE_SERVE_HOST: "127.0.0.1",
    SM_MODEL_DIR: serving.artifactUri,
  };
}

async function waitForPing(port: number, timeoutMs: number, ended: () => string | undefined) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const problem = ended();
    if (problem) throw new Error(problem);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/ping`, {
        signal: AbortSignal.timeout(1_000),
      });
      if (response.status === 200) return;
    } catch {}
    if (Date.now() > deadline) {
      throw new Error(`the server did not answer /ping with 200 within ${timeoutMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
