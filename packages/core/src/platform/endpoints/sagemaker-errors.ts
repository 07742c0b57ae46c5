import { VisibleError } from "../errors";

interface AwsError {
  name?: string;
  message?: string;
}

const nameOf = (error: unknown) => (error as AwsError)?.name ?? "";
const messageOf = (error: unknown) => (error as AwsError)?.message ?? "";

/** SageMaker answers a missing endpoint or config with a ValidationException "Could not find ...". */
export function isNotFound(error: unknown): boolean {
  return (
    /^Validation(Exception|Error)$/.test(nameOf(error)) &&
    /could not find|not found/i.test(messageOf(error))
  );
}

/** A create that a retried call already made: "Cannot create already existing model ...". */
export function isAlreadyExisting(error: unknown): boolean {
  return nameOf(error) === "ValidationException" && /already existing/i.test(messageOf(error));
}

/** Application Auto Scaling's answer for a target or policy that is not there. */
export function isObjectNotFound(error: unknown): boolean {
  return nameOf(error) === "ObjectNotFoundException";
}

/**
 * SageMaker's errors in Gyre's terms, at the boundary: what a user caused (a name or size
 * SageMaker refuses, a quota, an endpoint busy updating) becomes a VisibleError with
 * SageMaker's own message; anything else (throttling, outages) stays an internal error.
 */
export function translated(error: unknown, endpoint: string): unknown {
  const name = nameOf(error);
  const message = messageOf(error);
  if (isNotFound(error)) {
    return new VisibleError(
      "not_found",
      "endpoints.not_found",
      `SageMaker has no endpoint ${endpoint}: ${message}`,
    );
  }
  switch (name) {
    case "ValidationException":
    case "ValidationError":
      return new VisibleError(
        "input",
        "endpoints.rejected",
        `SageMaker refused the change to ${endpoint}: ${message}`,
      );
    case "ResourceLimitExceeded":
    case "LimitExceededException":
      return new VisibleError(
        "conflict",
        "endpoints.limit_exceeded",
        `An AWS quota stops ${endpoint}: ${message}`,
      );
    case "ResourceInUse":
    case "ConcurrentUpdateException":
      return new VisibleError("conflict", "endpoints.busy", `${endpoint} is busy: ${message}`);
    case "ModelNotReadyException":
      return new VisibleError(
        "conflict",
        "endpoints.not_ready",
        `${endpoint} is not ready: ${message}`,
      );
    default:
      return error;
  }
}
