import { buildConsole } from "./console-bundle";

const { built, rawBytes, gzipBytes } = await buildConsole({
  force: process.argv.includes("--force"),
});
const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
console.log(
  `console: web/dist ${built ? "built" : "is up to date"}: ${kB(rawBytes)} (${kB(gzipBytes)} gzipped)`,
);
