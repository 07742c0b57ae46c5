import { createToken, FileTokenStore, type Role } from "@gyre/core/platform/auth/index";
import { tokensFile } from "@gyre/local/config";
import { CliError } from "../../client";
import { isLocalUrl, local } from "../../settings";

export interface DemoTokens {
  pipeline: string;
  approver: string;
  /** The names of the tokens the demo made for itself, if it did. */
  created?: string[];
}

export interface TokenOptions {
  token?: string;
  approverToken?: string;
  pipelineToken?: string;
}

/**
 * The tokens the demo acts with: the ones it is given (an approver's or admin's does it all), or,
 * for a local Gyre, its own `demo-pipeline` and `demo-approver`, made afresh under GYRE_HOME as
 * `gyre token create` makes them (the previous pair is revoked, so there is only ever one).
 */
export async function demoTokens(
  url: string,
  options: TokenOptions,
  env: NodeJS.ProcessEnv,
): Promise<DemoTokens> {
  const approver = options.approverToken ?? options.token ?? env.GYRE_TOKEN;
  if (approver) return { approver, pipeline: options.pipelineToken ?? approver };
  if (!isLocalUrl(url)) {
    throw new CliError(
      `Give the demo a token for ${url}: --token (approver or admin role), or GYRE_TOKEN.`,
    );
  }
  const store = new FileTokenStore(tokensFile(local(env).home));
  const fresh = async (role: Role) => {
    const name = `demo-${role}`;
    await store.revoke(name);
    return (await createToken(store, { role, name })).token;
  };
  return {
    pipeline: options.pipelineToken ?? (await fresh("pipeline")),
    approver: await fresh("approver"),
    created: ["demo-pipeline", "demo-approver"],
  };
}
