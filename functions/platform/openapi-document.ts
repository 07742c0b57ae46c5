import type { Platform } from "@gyre/core/platform/platform";
import { make } from "./api";

const unused = () => Promise.reject(new Error("the OpenAPI document is built without a backend"));

/** A platform whose every port refuses: building the apps touches none of them. */
const inert = new Proxy({} as Platform, {
  get: () => new Proxy({}, { get: () => unused }),
});

/** The whole API's OpenAPI document, built in process: nothing is called, so nothing needs to run. */
export async function openApiDocument(): Promise<object> {
  const app = await make(inert);
  return (await (await app.request("/openapi.json")).json()) as object;
}
