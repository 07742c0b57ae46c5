import type { TokenStore } from "@gyre/core/platform/auth/index";
import type { EventLog } from "@gyre/core/platform/bus/index";
import { datasetsApi } from "../datasets/api";
import { eventsApi } from "../events/api";
import { registryApi } from "../registry/api";
import { trainingApi } from "../training/api";
import { platformApi } from "./api";

const unused = () => Promise.reject(new Error("the OpenAPI document is built without a backend"));

const tokens: TokenStore = { findByHash: unused, add: unused };
const events: EventLog = { list: unused, deadLetters: unused, put: unused, replay: unused };

/** The whole API's OpenAPI document, built in process: nothing is called, so nothing needs to run. */
export async function openApiDocument(): Promise<object> {
  const app = platformApi([
    eventsApi({ tokens, events }),
    datasetsApi({ tokens }),
    trainingApi({ tokens }),
    registryApi({ tokens }),
  ]);
  return (await (await app.request("/openapi.json")).json()) as object;
}
