import type { components } from "../api-types";

export type Principal = components["schemas"]["Principal"];
export type Role = Principal["role"];

const key = "gyre.token";
const roles: Role[] = ["viewer", "pipeline", "approver", "admin"];

/** The token lives for the browser tab's session only: closing the tab or signing out forgets it. */
export const session = {
  token: (): string | null => sessionStorage.getItem(key),
  keep: (token: string) => sessionStorage.setItem(key, token),
  forget: () => sessionStorage.removeItem(key),
};

/** Whether `held` may do what needs `needed`: roles are ordered, as the API orders them. */
export const may = (held: Role | undefined, needed: Role) =>
  held !== undefined && roles.indexOf(held) >= roles.indexOf(needed);
