import type { TestPlatform } from "@gyre/local/testing/index";

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
export type Json = any;

/**
 * The platform's API called in process as an admin, with a JSON body: the answer's JSON.
 * `strict` throws on a status of 300 or more, naming the call and what it answered.
 */
export function adminCalls(
  platform: () => Pick<TestPlatform, "app" | "as">,
  options: { strict?: boolean } = {},
) {
  return async (method: string, path: string, body?: unknown): Promise<Json> => {
    const { app, as } = platform();
    const res = await app.request(path, {
      method,
      headers: { ...as.admin, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (options.strict && res.status >= 300)
      throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}
