import type { Plugin } from "esbuild";

export const zodEnglishOnly: Plugin;
export const lambdaCredentials: Plugin;
declare const plugins: Plugin[];
export default plugins;
