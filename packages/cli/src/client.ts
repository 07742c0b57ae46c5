import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "./api-types";
import { CliError } from "./cli-error";
import { apiUrl } from "./settings";

export { CliError };

/** The API's named schemas, generated from its OpenAPI document (`npm run api:types`). */
export type Schemas = components["schemas"];

/** One JSON call to Gyre: the answer's JSON, or a CliError saying what went wrong. Tests replace it. */
export interface ApiClient {
  url: string;
  request(method: string, path: string, body?: unknown): Promise<unknown>;
}

/** The API typed from its OpenAPI document: `api.GET("/runs/{id}", { params: { path: { id } } })`. */
export type Api = Client<paths>;

/** The transport for a running Gyre: $GYRE_API_URL (default http://127.0.0.1:$GYRE_PORT) and $GYRE_TOKEN. */
export function apiClient(env: NodeJS.ProcessEnv = process.env): ApiClient {
  return httpClient(apiUrl(env), env.GYRE_TOKEN);
}

/** The transport for the Gyre at `url`, as the holder of `token`. */
export function httpClient(url: string, token: string | undefined): ApiClient {
  return {
    url,
    async request(method: string, path: string, body?: unknown): Promise<unknown> {
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
        throw unreachable(url, error);
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
      return payload;
    },
  };
}

/** A failed connection as one line that says what to do. */
export function unreachable(url: string, error: Error): CliError {
  return new CliError(
    `Cannot reach Gyre at ${url} (${error.cause ?? error.message}). Is it running (npm start)? Set GYRE_API_URL (or GYRE_PORT) if it runs elsewhere.`,
  );
}

// The transport owns the base URL; openapi-fetch needs one only to build its Request.
const origin = "http://gyre.invalid";

/** openapi-fetch over the transport: it builds each call (encoding path parameters) from the generated paths. */
export function typed(client: ApiClient): Api {
  return createClient<paths>({
    baseUrl: origin,
    fetch: async (request) => {
      const path = request.url.slice(origin.length);
      const text = await request.text();
      const payload = text
        ? await client.request(request.method, path, JSON.parse(text))
        : await client.request(request.method, path);
      return payload === undefined ? new Response(null, { status: 204 }) : Response.json(payload);
    },
  });
}

/** A call's data: the transport has already turned every failure into a CliError. */
export async function ok<T>(call: Promise<{ data?: T }>): Promise<T> {
  return (await call).data as T;
}
