import * as z from "zod";

export const roles = ["viewer", "pipeline", "approver", "admin"] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/** Roles are ordered: each may do everything the ones below it may. */
export function allows(held: Role, needed: Role): boolean {
  return roles.indexOf(held) >= roles.indexOf(needed);
}
