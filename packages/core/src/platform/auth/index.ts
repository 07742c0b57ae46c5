import { DynamoTokenStore } from "./dynamo-token-store";
import { FileTokenStore } from "./file-token-store";
import type { TokenStore } from "./tokens";

export * from "./roles";
export * from "./tokens";
export { DynamoTokenStore, FileTokenStore };

let shared: TokenStore | undefined;

/** The token store for this process: `GYRE_TOKENS_FILE` locally, the tokens table on AWS. */
export function tokenStore(): TokenStore {
  const file = process.env.GYRE_TOKENS_FILE;
  shared ??= file ? new FileTokenStore(file) : new DynamoTokenStore();
  return shared;
}
