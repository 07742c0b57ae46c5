import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { may, type Principal, type Role } from "../api/session";

export const WhoContext = createContext<Principal>({ name: "", role: "viewer" });

/** Whether the signed-in token's role may do what needs `role` (the API checks again). */
export const useMay = (role: Role) => may(useContext(WhoContext).role, role);
