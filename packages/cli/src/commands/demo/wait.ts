import { CliError } from "../../client";

export interface Watch {
  timeoutMs: number;
  pollMs: number;
  /** A line of progress for the person waiting (stderr in the CLI). */
  progress: (line: string) => void;
}

/** Thrown when a hop ends the trip some other way than the demo hoped (a failed run, a rollback). */
export class HopFailed extends CliError {}

const HEARTBEAT_MS = 15_000;

/**
 * Reads until `read` gives a value. A hop that takes longer than the watch allows is named in
 * the error, with where to look; one that failed is reported by `read` throwing HopFailed.
 */
export async function poll<T>(
  hop: { name: string; hint?: string },
  read: () => Promise<T | undefined>,
  watch: Watch,
): Promise<T> {
  const started = Date.now();
  let heartbeat = started + HEARTBEAT_MS;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    const now = Date.now();
    if (now - started > watch.timeoutMs) {
      const hint = hop.hint ? ` Look at: ${hop.hint}` : "";
      throw new CliError(
        `The loop stalled at "${hop.name}": nothing after ${Math.round(watch.timeoutMs / 1000)} s.${hint}`,
      );
    }
    if (now >= heartbeat) {
      watch.progress(
        `  ... still waiting for ${hop.name} (${Math.round((now - started) / 1000)} s)`,
      );
      heartbeat = now + HEARTBEAT_MS;
    }
    await new Promise((resolve) => setTimeout(resolve, watch.pollMs));
  }
}
