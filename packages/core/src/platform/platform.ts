import type { S3Client } from "@aws-sdk/client-s3";
import type { EventPublisher } from "@gyre/events";
import type { TokenStore } from "./auth/tokens";
import type { EventLog } from "./bus/event-log";
import type { DeadLetterStore } from "./bus/stores";
import type { EndpointHost } from "./endpoints/port";
import type { JobRunner } from "./jobs/port";
import { PORT_NAMES, type PortName } from "./ports";
import type { RecurringSchedules } from "./schedules/port";
import type { Db } from "./state/client";
import type { Timer } from "./timers/port";

/** The objects port: an S3 client and the data bucket it works in. */
export interface Objects {
  s3: S3Client;
  bucket: string;
}

/**
 * Everything a handler may reach outside its own code, behind the ports of DESIGN.md:
 * `awsPlatform()` in a Lambda function, `localPlatform()` in `npm start` and in tests.
 * Handlers are made from one (`make(platform)`), so two platforms can live in one process.
 */
export interface Platform {
  bus: EventPublisher;
  state: Db;
  objects: Objects;
  jobs: JobRunner;
  /** Model servers behind endpoints: SageMaker on AWS, model-host processes locally. */
  endpoints: EndpointHost;
  timer: Timer;
  schedules: RecurringSchedules;
  tokens: TokenStore;
  /** The archive, dead letters, put and replay, for the events API. */
  events: EventLog;
  /** Where a subscriber puts an event it can never handle (one its schema rejects). */
  deadLetters: DeadLetterStore;
}

// A port added to Platform must be named in PORT_NAMES too, and the other way round.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const portNamesMatch: Same<PortName, keyof Platform> = true;
void portNamesMatch;

/**
 * A platform that hands out only the given ports, as a Lambda function built from its declared
 * access does. Another port may be named (an app made only to document its routes takes what
 * it would use), but using it is a wiring mistake, and says so instead of failing on AWS.
 */
export function onlyPorts(
  ports: readonly PortName[],
  build: <K extends PortName>(port: K) => Platform[K],
): Platform {
  const builders = Object.fromEntries(
    PORT_NAMES.map((port) => [port, () => (ports.includes(port) ? build(port) : undeclared(port))]),
  );
  return lazily<Platform>(builders as { [K in PortName]: () => Platform[K] });
}

function undeclared(port: PortName): never {
  return new Proxy({} as never, {
    get(_, member) {
      // Promise resolution and inspection probe these; they are not uses of the port.
      if (member === "then" || typeof member === "symbol") return undefined;
      throw new Error(
        `This function uses the ${port} port (${String(member)}), which its access in functions/<service>/service.ts does not grant.`,
      );
    },
  });
}

/** An object whose fields are built on first read, once: a Lambda builds only the clients it uses. */
export function lazily<T extends object>(build: { [K in keyof T]: () => T[K] }): T {
  const made = {} as T;
  for (const key of Object.keys(build) as (keyof T)[]) {
    let value: T[typeof key] | undefined;
    Object.defineProperty(made, key, {
      enumerable: true,
      get: () => {
        value ??= build[key]();
        return value;
      },
    });
  }
  return made;
}
