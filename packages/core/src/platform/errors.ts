export type ErrorKind = "input" | "auth" | "forbidden" | "not_found" | "conflict" | "too_large";

/** An error a user may see: a kind (which maps to an HTTP status) and a dotted code. */
export class VisibleError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "VisibleError";
  }
}
