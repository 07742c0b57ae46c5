/** How many messages wait in a queue, and how many are being read right now. */
export interface QueueDepth {
  messages: number;
  inFlight: number;
}

/** One Lambda on-failure destination record: an event a function threw on until Lambda gave up. */
export interface FailedInvocation {
  function: string;
  /** Lambda's reason: `RetriesExhausted`, `EventAgeExceeded`. */
  condition: string;
  attempts: number;
  error: { type: string; message: string };
  at: string;
  /** What the function was invoked with: an EventBridge event, or a schedule's input. */
  payload: unknown;
}

/**
 * The queues behind GET /events/dead-letters on AWS: the rules' dead-letter queue (drained
 * into the events table, so only its depth) and the failed-invocations queue (a peek at it).
 */
export interface DeadLetterQueues {
  rules: QueueDepth;
  failedInvocations: QueueDepth & { recent: FailedInvocation[] };
}

/** Reads Lambda's destination record (the AWS Lambda Developer Guide's "invocation record"). */
export function failedInvocationOf(body: string): FailedInvocation | undefined {
  const record = parseObject(body);
  const context = record?.requestContext as Record<string, unknown> | undefined;
  if (!record || typeof context?.functionArn !== "string") return undefined;
  const response = (record.responsePayload ?? {}) as Record<string, unknown>;
  return {
    function: functionName(context.functionArn),
    condition: String(context.condition ?? "Unknown"),
    attempts: Number(context.approximateInvokeCount ?? 0),
    error: {
      type: String(response.errorType ?? "Unknown"),
      message: String(response.errorMessage ?? ""),
    },
    at: String(record.timestamp ?? ""),
    payload: record.requestPayload ?? null,
  };
}

/** `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]` → `<name>`. */
function functionName(arn: string): string {
  return arn.split(":")[6] ?? arn;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
