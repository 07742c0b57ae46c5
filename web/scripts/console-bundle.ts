import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

export const webRoot = join(import.meta.dirname, "..");
export const distDir = join(webRoot, "dist");
const stampFile = join(distDir, ".source-hash");
const inputs = ["index.html", "vite.config.ts", "package.json", "src"];

export interface BundleSize {
  built: boolean;
  rawBytes: number;
  gzipBytes: number;
}

/** Builds web/dist with Vite unless it was built from these very sources; says how big it is. */
export async function buildConsole(options: { force?: boolean } = {}): Promise<BundleSize> {
  const hash = await sourceHash();
  const stamp = await readFile(stampFile, "utf8").catch(() => "");
  const built = options.force === true || stamp !== hash;
  if (built) {
    const { build } = await import("vite");
    // Vite builds for NODE_ENV when it is set: under vitest (NODE_ENV=test) that is not the
    // production bundle, and the stamp would then pass it off as one.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      await build({
        configFile: join(webRoot, "vite.config.ts"),
        logLevel: "warn",
        mode: "production",
      });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
    await writeFile(stampFile, hash);
  }
  return { built, ...(await bundleSize()) };
}

/** The bytes a browser downloads for the first page: index.html and every asset, raw and gzipped. */
export async function bundleSize(): Promise<Omit<BundleSize, "built">> {
  const files = (await filesUnder(distDir)).filter((f) => !f.endsWith(".source-hash"));
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const bytes = await readFile(file);
    rawBytes += bytes.length;
    gzipBytes += gzipSync(bytes, { level: 9 }).length;
  }
  return { rawBytes, gzipBytes };
}

async function sourceHash(): Promise<string> {
  const hash = createHash("sha256").update(
    `VITE_GYRE_API_URL=${process.env.VITE_GYRE_API_URL ?? ""}\n`,
  );
  for (const input of inputs) {
    for (const file of await filesUnder(join(webRoot, input))) {
      hash.update(relative(webRoot, file)).update(await readFile(file));
    }
  }
  return hash.digest("hex");
}

async function filesUnder(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => null);
  if (!entries) return [path];
  const nested = await Promise.all(
    entries
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((e) => (e.isDirectory() ? filesUnder(join(path, e.name)) : [join(path, e.name)])),
  );
  return nested.flat();
}
