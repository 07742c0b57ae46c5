import { type Api, CliError, ok, type Schemas } from "../../client";

type Run = Schemas["Run"];

const TERMINAL = new Set<Run["status"]>(["SUCCEEDED", "FAILED", "CANCELLED"]);

export interface LogOptions {
  /** One attempt's log; by default the latest, moving on to each retry while following. */
  attempt?: number;
  follow?: boolean;
  pollMs?: number;
}

/**
 * Prints a run's log by cursor, each line once. Following, it waits for new lines until the run
 * is over (then prints what is left) and resolves with the run; otherwise it prints what is
 * there now and resolves with nothing.
 */
export async function printLogs(
  api: Api,
  id: string,
  options: LogOptions = {},
): Promise<Run | undefined> {
  const path = { id };
  const pinned = options.attempt !== undefined;
  let attempt = options.attempt;
  let cursor: string | undefined;
  let over: Run | undefined;
  for (;;) {
    const query = { attempt, cursor: cursor || undefined };
    const chunk = await ok(api.GET("/runs/{id}/logs", { params: { path, query } }));
    for (const line of chunk.lines) console.log(line);
    if (chunk.attempt > 0) attempt = chunk.attempt;
    if (chunk.next !== null) cursor = chunk.next;
    if (chunk.next !== null && chunk.lines.length > 0) continue;
    if (over) return over;
    if (!options.follow) return undefined;
    const run = await ok(api.GET("/runs/{id}", { params: { path } }));
    const readToEnd = chunk.attempt > 0 && chunk.next === null;
    if (!pinned && attempt !== undefined && run.attempts.length > attempt) {
      attempt += 1;
      cursor = undefined;
      continue;
    }
    if (TERMINAL.has(run.status)) {
      if (readToEnd) return run;
      // The run ended before its log did (a cancel, or logs arriving late): read once more.
      over = run;
      continue;
    }
    if (pinned && readToEnd) return run;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1000));
  }
}

/** The run, if it succeeded; otherwise an error saying how it ended and why. */
export function succeeded(run: Run): Run {
  if (run.status === "SUCCEEDED") return run;
  throw new CliError(`${run.id} ${run.status}: ${run.reason ?? "no reason given"}`);
}

/** `auc=0.8412 accuracy=0.79`: at most `limit` metrics, four significant digits. */
export function metricsCell(metrics: Run["metrics"], limit = 3): string {
  return Object.entries(metrics ?? {})
    .slice(0, limit)
    .map(([name, value]) => `${name}=${Number(value.toPrecision(4))}`)
    .join(" ");
}

export function summary(run: Run): string {
  const metrics = metricsCell(run.metrics, 4);
  const took = run.durationSeconds === null ? "" : ` in ${run.durationSeconds.toFixed(1)}s`;
  return `${run.id} ${run.status}${took}${metrics ? `: ${metrics}` : ""}`;
}

export function isOver(run: Run): boolean {
  return TERMINAL.has(run.status);
}
