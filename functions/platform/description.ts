import { roles } from "@gyre/core/platform/auth/index";
import type { ServiceApi } from "../wiring";

type Paths = Record<string, Record<string, { description?: string }>>;

/**
 * The API's description, in Markdown, from what this API serves: its services with their path
 * prefixes, and for each role the routes it is the least role for. It grows as services land.
 */
export function apiDescription(paths: Paths, services: ServiceApi[]): string {
  const served = services
    .filter((s) => s.prefixes.length > 0)
    .map((s) => `${s.service} (${s.prefixes.map((p) => `\`${p}\``).join(", ")})`);
  const byRole = new Map<string, string[]>(roles.map((role) => [role, []]));
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const role = /Needs the `(\w+)` role/.exec(op.description ?? "")?.[1];
      if (role) byRole.get(role)?.push(`\`${method.toUpperCase()} ${path}\``);
    }
  }
  const roleLines = [...byRole].map(
    ([role, routes]) => `- **${role}**: ${routes.length ? routes.join(", ") : "nothing more"}`,
  );
  return [
    "Event-driven MLOps: versioned datasets, training runs on AWS Batch, and a model registry with approvals.",
    `Services in this API: ${served.join(", ")}.`,
    "Roles are ordered viewer < pipeline < approver < admin: each may do everything the roles before it may, and also:",
    roleLines.join("\n"),
  ].join("\n\n");
}
