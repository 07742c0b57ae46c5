import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { basename, join, relative, sep } from "node:path";

export interface LocalFile {
  path: string;
  /** Key relative to the dataset (or batch) folder, with `/` separators. */
  name: string;
  bytes: number;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** The files to push: the file itself, or every non-hidden file under the folder in key order. */
export async function filesToPush(path: string): Promise<{ folder: boolean; files: LocalFile[] }> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new Error(`${path} does not exist`);
  if (info.isFile())
    return { folder: false, files: [{ path, name: basename(path), bytes: info.size }] };
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  const files: LocalFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const name = relative(path, full).split(sep).join("/");
    if (name.split("/").some((part) => part.startsWith(".") || part.startsWith("_"))) continue;
    files.push({ path: full, name, bytes: (await stat(full)).size });
  }
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (files.length === 0) throw new Error(`${path} has no files to push`);
  return { folder: true, files };
}

/** The hash Gyre gives a version: the file's sha256, or for a folder the sha256 of its manifest. */
export async function expectedHash(folder: boolean, files: LocalFile[]): Promise<string> {
  if (!folder) return sha256File((files[0] as LocalFile).path);
  const lines: string[] = [];
  for (const file of files) lines.push(`${await sha256File(file.path)}  ${file.name}\n`);
  return createHash("sha256").update(lines.join("")).digest("hex");
}
