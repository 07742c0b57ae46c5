import type { MiddlewareHandler } from "hono";
import { actAs } from "../actor";
import { allows, hashToken, type Role, type TokenStore } from "../auth/index";
import { newId } from "../ids";
import { errorResponse } from "./errors";

export interface Principal {
  name: string;
  role: Role;
}

/**
 * A caller's own trip id: checked before the handler runs, since the events it publishes carry
 * it and would fail their schema after the state they describe was already written.
 */
const CORRELATION_ID = /^[\x21-\x7e]{1,128}$/;

export type AuthEnv = { Variables: { principal: Principal } };

/**
 * Authenticates the bearer token and checks its role, then runs the rest of the
 * request as that token's name: events published while handling it carry it as actor.
 */
export function requireRole(tokens: TokenStore, needed: Role): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
    if (!token) {
      return errorResponse(
        c,
        401,
        "auth.missing_token",
        "Send a token: Authorization: Bearer <token> (create one with `npx gyre token create`).",
      );
    }
    const record = await tokens.findByHash(hashToken(token));
    if (!record)
      return errorResponse(
        c,
        401,
        "auth.unknown_token",
        "This token is not known (or was revoked).",
      );
    if (!allows(record.role, needed)) {
      return errorResponse(
        c,
        403,
        "auth.forbidden",
        `This needs the ${needed} role; token ${record.name} has ${record.role}.`,
      );
    }
    const sent = c.req.header("x-correlation-id");
    if (sent !== undefined && !CORRELATION_ID.test(sent)) {
      return errorResponse(
        c,
        400,
        "request.invalid_correlation_id",
        "x-correlation-id: 1-128 visible ASCII characters, no spaces (or leave it out for a new one).",
      );
    }
    c.set("principal", { name: record.name, role: record.role });
    const correlationId = sent ?? newId("cor");
    await actAs({ actor: record.name, correlationId, causationId: null }, next);
  };
}
