import { publisher } from "@gyre/core/platform/bus/publisher";
import type { RegistryDeps } from "@gyre/core/registry/index";

/** What the registry functions need: only the bus. */
export function registryDeps(): RegistryDeps {
  return { bus: publisher() };
}
