import createClient from "openapi-fetch";
import type { paths } from "../api-types";
import { session } from "./session";

/** The API's URL: the page's own origin locally; the HTTP API's URL when deployed as a static site. */
export const apiUrl: string = import.meta.env.VITE_GYRE_API_URL ?? location.origin;

export const authHeaders = (): Record<string, string> => {
  const token = session.token();
  return { accept: "application/json", ...(token && { authorization: `Bearer ${token}` }) };
};

/** The typed client, generated from the API's OpenAPI document (npm run api:types). */
export const api = createClient<paths>({ baseUrl: apiUrl });
api.use({
  onRequest({ request }) {
    for (const [name, value] of Object.entries(authHeaders())) request.headers.set(name, value);
    return request;
  },
});

/** An error answer of the API, `{error: {code, message}}`, with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
  /** The route does not exist here: the service that owns it is not running. */
  get absent() {
    return this.status === 404 && this.code === "route.not_found";
  }
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

/** The data of a successful answer, or an ApiError carrying the API's own code and message. */
export async function ok<T>(answer: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await answer.catch((cause: Error) => {
    throw new ApiError(0, "network", `The API did not answer: ${cause.message}`);
  });
  if (response.ok) return data as T;
  const body = (error ?? {}) as { error?: { code?: string; message?: string } };
  throw new ApiError(
    response.status,
    body.error?.code ?? `http.${response.status}`,
    body.error?.message ?? response.statusText,
  );
}
