import type { BuildOptions, Plugin } from "esbuild";

/** The plugins file SST loads for every function (`nodejs.plugins`, a path from the root). */
export const PLUGINS_FILE = "functions/bundling/plugins.mjs";

/** What stacks/ hands every `sst.aws.Function` as `nodejs`: SST's defaults (ESM, minified) and our plugins. */
export const nodejs = { plugins: PLUGINS_FILE };

/**
 * The esbuild options SST builds a Node function with (its pkg/runtime/node/build.go, for a
 * deploy: bundled, minified, ESM, esnext, names kept, `module` before `main`, a banner giving
 * ESM code `require`, `__filename` and `__dirname`), with the plugins of `nodejs` above. The
 * bench builds with these, so the sizes it prints are the sizes SST ships.
 */
export function sstBuildOptions(entry: string, outfile: string, plugins: Plugin[]): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    platform: "node",
    bundle: true,
    format: "esm",
    target: "esnext",
    minify: true,
    keepNames: true,
    mainFields: ["module", "main"],
    external: ["sharp", "pg-native"],
    plugins,
    banner: {
      js: [
        `import { createRequire as topLevelCreateRequire } from "module";`,
        "const require = topLevelCreateRequire(import.meta.url);",
        `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url";`,
        "const __filename = topLevelFileUrlToPath(import.meta.url);",
        `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url));`,
      ].join("\n"),
    },
    logLevel: "silent",
  };
}
