import { request as httpRequest } from "node:http";
import type { FuzzRequest } from "./requests";

export type Answer =
  | { status: number; contentType: string; text: string }
  | { hang: true }
  | { refused: string };

/** Long enough for two busy cores; a request still unanswered then is a hang. */
export const ANSWER_WITHIN_MS = 15_000;

/**
 * Sends the request over HTTP on a connection of its own (so one answer's closing of a connection
 * cannot fail the next request); a stream that opens (GET /events/stream) is closed at its headers.
 */
export function send(base: string, request: FuzzRequest): Promise<Answer> {
  return new Promise((resolve) => {
    const req = httpRequest(`${base}${request.url}`, {
      method: request.method,
      // Node frames a DELETE's body only when told its length.
      headers: {
        ...request.headers,
        ...(request.body !== undefined && { "content-length": Buffer.byteLength(request.body) }),
      },
      agent: false,
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
    });
    req.on("response", (res) => {
      const contentType = res.headers["content-type"] ?? "";
      const status = res.statusCode ?? 0;
      if (contentType.startsWith("text/event-stream")) {
        res.destroy();
        return resolve({ status, contentType, text: "" });
      }
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status, contentType, text: Buffer.concat(chunks).toString() }));
      res.on("error", (error) => resolve(failure(error)));
    });
    req.on("error", (error) => resolve(failure(error)));
    req.end(request.body);
  });
}

function failure(error: Error): Answer {
  if (error.name === "AbortError" || (error.cause as Error)?.name === "TimeoutError")
    return { hang: true };
  return { refused: String(error) };
}

/** Why an answer breaks the rules (5xx, hang, a 4xx without the error body), or undefined. */
export function violation(answer: Answer): string | undefined {
  if ("hang" in answer) return `no answer within ${ANSWER_WITHIN_MS} ms`;
  if ("refused" in answer) return `connection failed: ${answer.refused}`;
  if (answer.status >= 500) return `${answer.status}: ${answer.text.slice(0, 300)}`;
  if (answer.status >= 400 && !isErrorBody(answer.text))
    return `${answer.status} without {"error": {"code", "message"}}: ${answer.text.slice(0, 300)}`;
  return undefined;
}

export function isErrorBody(text: string): boolean {
  try {
    const { error } = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    return (
      typeof error?.code === "string" &&
      /^[a-z_]+(\.[a-z0-9_]+)+$/.test(error.code) &&
      typeof error.message === "string"
    );
  } catch {
    return false;
  }
}
