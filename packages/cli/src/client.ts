export class CliError extends Error {}

export interface ApiClient {
  url: string;
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
}

/** The typed client for a running Gyre: $GYRE_API_URL (default http://127.0.0.1:7700) and $GYRE_TOKEN. */
export function apiClient(env: NodeJS.ProcessEnv = process.env): ApiClient {
  const url = (env.GYRE_API_URL ?? "http://127.0.0.1:7700").replace(/\/+$/, "");
  const token = env.GYRE_TOKEN;
  return {
    url,
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      if (!token) {
        throw new CliError(
          "Set GYRE_TOKEN to a token (create one with: npx gyre token create --role admin).",
        );
      }
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).catch((error: Error) => {
        throw new CliError(
          `Cannot reach Gyre at ${url} (${error.cause ?? error.message}). Is it running (npm start)? Set GYRE_API_URL if it runs elsewhere.`,
        );
      });
      const payload = (await response.json().catch(() => undefined)) as
        | { error?: { code: string; message: string } }
        | undefined;
      if (!response.ok) {
        const error = payload?.error;
        throw new CliError(
          error
            ? `${error.message} (${error.code}, HTTP ${response.status})`
            : `HTTP ${response.status} from ${url}${path}`,
        );
      }
      return payload as T;
    },
  };
}
