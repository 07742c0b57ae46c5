import { readFileSync } from "node:fs";
import semver from "semver";
import { describe, expect, it } from "vitest";

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");
const root = JSON.parse(read("package.json"));
const lock = JSON.parse(read("package-lock.json")) as {
  packages: Record<string, { engines?: { node?: string }; hasInstallScript?: boolean }>;
};
const locked = Object.entries(lock.packages).filter(([path]) => path.startsWith("node_modules/"));
const name = (path: string) =>
  path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);

describe("a plain npm install", () => {
  const minimum = semver.minVersion(root.engines.node)?.version as string;

  it("installs nothing that asks for a newer Node than the one the README names", () => {
    expect(read("README.md")).toContain(`Node.js ${minimum.replace(/\.0$/, "")} or newer`);
    const tooNew = locked.filter(
      ([, p]) => p.engines?.node && !semver.satisfies(minimum, p.engines.node),
    );
    expect(tooNew.map(([path, p]) => `${path} wants node ${p.engines?.node}`)).toEqual([]);
  });

  it("has an allowScripts decision for every package with an install script (npm 11 warns otherwise)", () => {
    const scripted = locked.filter(([, p]) => p.hasInstallScript).map(([path]) => name(path));
    expect(scripted.filter((pkg) => !(pkg in (root.allowScripts ?? {})))).toEqual([]);
  });

  it("leaves SST to tools/sst, pinned to the release scripts/sst-platform.sh knows", () => {
    expect(locked.map(([path]) => name(path))).not.toContain("sst");
    const tools = JSON.parse(read("tools/sst/package-lock.json"));
    const version = tools.packages["node_modules/sst"].version;
    expect(read("scripts/sst-platform.sh")).toContain(`  ${version}) pulumi_version=`);
  });
});
