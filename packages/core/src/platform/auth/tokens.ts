import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { Sha256 } from "@gyre/events/shared";
import * as z from "zod";
import { VisibleError } from "../errors";
import { Role } from "./roles";

export const TokenName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, "1-64 letters, digits, '.', '_', '@' or '-'");

export const TokenRecord = z.object({
  name: TokenName,
  role: Role,
  sha256: Sha256,
  createdAt: z.string(),
});
export type TokenRecord = z.infer<typeof TokenRecord>;

/** Where token hashes live: a file under GYRE_HOME locally, a DynamoDB table on AWS. */
export interface TokenStore {
  findByHash(sha256: string): Promise<TokenRecord | undefined>;
  add(record: TokenRecord): Promise<void>;
  /** Every token's record (name, role, hash, creation), by name. */
  list(): Promise<TokenRecord[]>;
  /** Forgets the token of that name, so it is refused from now on; its record, or undefined if none. */
  revoke(name: string): Promise<TokenRecord | undefined>;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Whether two token hashes are the same, in time that does not depend on where they differ,
 * so answers to guessed tokens do not tell how much of a stored hash a guess got right.
 */
export function sameHash(a: string, b: string): boolean {
  const [left, right] = [Buffer.from(a, "utf8"), Buffer.from(b, "utf8")];
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Creates a token: only its hash is stored; the token itself is returned once. */
export async function createToken(
  store: TokenStore,
  input: { role: Role; name?: string },
): Promise<{ token: string; record: TokenRecord }> {
  const role = Role.parse(input.role);
  const name = TokenName.parse(input.name ?? `${role}-${randomBytes(3).toString("hex")}`);
  const token = `gyre_${randomBytes(32).toString("base64url")}`;
  const record = { name, role, sha256: hashToken(token), createdAt: new Date().toISOString() };
  await store.add(record);
  return { token, record };
}

/** Revokes a token by name, or says there is none of that name. */
export async function revokeToken(store: TokenStore, name: string): Promise<TokenRecord> {
  const revoked = await store.revoke(name);
  if (!revoked) {
    throw new VisibleError("not_found", "token.not_found", `There is no token named ${name}.`);
  }
  return revoked;
}

export const byName = (a: TokenRecord, b: TokenRecord) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

export function duplicateName(name: string): VisibleError {
  return new VisibleError(
    "conflict",
    "token.name_taken",
    `A token named ${name} already exists; choose another --name.`,
  );
}
