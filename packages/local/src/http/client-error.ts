import type { Socket } from "node:net";

interface ParseError extends Error {
  code?: string;
}

/**
 * Node answers a request it cannot parse (a head over 16 KiB, broken framing) before the app
 * sees it, with an empty body. This answers in Gyre's error format instead, then closes.
 */
export function answerClientError(error: ParseError, socket: Socket): void {
  if (!socket.writable || error.code === "ECONNRESET") {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const [status, reason, code, message] = tooLarge
    ? [
        431,
        "Request Header Fields Too Large",
        "request.head_too_large",
        "The URL and headers are over 16 KiB.",
      ]
    : [
        400,
        "Bad Request",
        "request.malformed_http",
        `The request is not valid HTTP (${error.code ?? "parse error"}).`,
      ];
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
