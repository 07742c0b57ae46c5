import { CliError, unreachable } from "../../client";

export interface Invocation {
  body: Buffer | string;
  contentType: string;
  accept?: string;
}

export interface Answer {
  text: string;
  variant: string | null;
  version: string | null;
}

/** One call to an endpoint's invocations route: the model's answer and who gave it, or a CliError. */
export async function invokeEndpoint(
  api: { url: string; token: string },
  endpoint: string,
  call: Invocation,
): Promise<Answer> {
  const response = await fetch(`${api.url}/endpoints/${encodeURIComponent(endpoint)}/invocations`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${api.token}`,
      "content-type": call.contentType,
      accept: call.accept ?? "application/json",
    },
    body: call.body,
  }).catch((error: Error) => {
    throw unreachable(api.url, error);
  });
  const text = await response.text();
  if (!response.ok)
    throw new CliError(`${endpoint} answered HTTP ${response.status}: ${errorOf(text)}`);
  return {
    text,
    variant: response.headers.get("x-gyre-variant"),
    version: response.headers.get("x-gyre-model-version"),
  };
}

function errorOf(text: string): string {
  try {
    const error = (JSON.parse(text) as { error?: { code: string; message: string } }).error;
    return error ? `${error.message} (${error.code})` : text;
  } catch {
    return text.slice(0, 300);
  }
}
