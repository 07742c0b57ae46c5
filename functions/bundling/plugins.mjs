import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// The esbuild plugins every Lambda bundle is built with: SST loads this file by path
// (`nodejs.plugins`, see ./sst.ts) and the bench imports it, so both build the same bundle.

/**
 * Zod's `z` is a namespace object, and @hono/zod-openapi hands it around as a value, so a
 * bundler keeps everything it names: all 50 locales (about 260 KB minified), of which Gyre
 * uses only the default, English (zod registers `en` itself, from its own module). This keeps
 * `z.locales` and `z.core.locales` (classic's and zod/mini's) with `en` alone; messages are
 * unchanged.
 * @type {import("esbuild").Plugin}
 */
export const zodEnglishOnly = {
  name: "zod-english-only",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]zod[\\/]v4[\\/](classic|core|mini)[\\/]/.test(args.importer)) return undefined;
      return { path: resolve(args.resolveDir, "../locales/en.js"), namespace: "zod-english-only" };
    });
    build.onLoad({ filter: /.*/, namespace: "zod-english-only" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
  },
};

/**
 * The AWS SDK's clients take their default credentials from `@aws-sdk/credential-provider-node`,
 * the whole chain a developer's machine needs. In Lambda only the environment (or the
 * container endpoint) ever answers, so bundles get ./lambda-credentials.mjs instead.
 * @type {import("esbuild").Plugin}
 */
export const lambdaCredentials = {
  name: "lambda-credentials",
  setup(build) {
    const path = fileURLToPath(new URL("./lambda-credentials.mjs", import.meta.url));
    build.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, () => ({ path }));
  },
};

export default [zodEnglishOnly, lambdaCredentials];
