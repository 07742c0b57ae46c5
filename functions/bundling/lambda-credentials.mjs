// What a Lambda bundle gets for `@aws-sdk/credential-provider-node` (see plugins.mjs): the
// credentials Lambda hands a function, and nothing for a laptop. Lambda puts the execution
// role's keys in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN);
// where a runtime serves them over HTTP instead (AWS_CONTAINER_CREDENTIALS_FULL_URI or
// _RELATIVE_URI), that comes second. The SSO, ini-file, process, web-identity and
// instance-metadata providers of the default chain, with the STS and SSO clients they bring,
// never run in Lambda and weigh about 140 KB minified.
import { fromEnv } from "@aws-sdk/credential-provider-env";
import { fromHttp } from "@aws-sdk/credential-provider-http";
import { chain, memoize } from "@smithy/core/config";

/** Refreshed, as the default chain does, five minutes before they expire. */
const expiring = (credentials) =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;
const expires = (credentials) => credentials?.expiration !== undefined;

/**
 * The same signature as the default chain's `defaultProvider`. `fromHttp` refuses to be made
 * without its variables, so it is made only when the environment has no keys.
 */
export const defaultProvider = (init = {}) =>
  memoize(
    chain(fromEnv(init), (options) => fromHttp(init)(options)),
    expiring,
    expires,
  );
