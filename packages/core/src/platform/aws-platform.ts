import type { AwsAdapters } from "./aws/adapter";
import { onlyPorts, type Platform } from "./platform";
import type { PortName } from "./ports";

/**
 * The platform inside a Lambda function, from the AWS adapters its entry imports: only the
 * ports its declared access needs (functions/wiring.ts), so its bundle holds only their clients.
 */
export function awsPlatform(adapters: AwsAdapters, env: NodeJS.ProcessEnv = process.env): Platform {
  const ports = Object.keys(adapters) as PortName[];
  const platform = onlyPorts(ports, (port) => {
    const adapter = adapters[port] as NonNullable<AwsAdapters[typeof port]>;
    return adapter(platform, env);
  });
  return platform;
}
