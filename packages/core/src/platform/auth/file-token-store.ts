import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import * as z from "zod";
import { byName, duplicateName, sameHash, TokenRecord, type TokenStore } from "./tokens";

const TokenFile = z.object({ tokens: z.array(TokenRecord) });

/**
 * Token hashes in a JSON file under GYRE_HOME, so `gyre token create` works whether
 * or not Gyre runs; a running Gyre re-reads the file when it changes.
 */
export class FileTokenStore implements TokenStore {
  private cache: { mtimeMs: number; tokens: TokenRecord[] } | undefined;

  constructor(private readonly path: string) {}

  async findByHash(sha256: string) {
    const tokens = await this.read();
    return tokens.find((t) => sameHash(t.sha256, sha256));
  }

  async add(record: TokenRecord) {
    const tokens = await this.read();
    if (tokens.some((t) => t.name === record.name)) throw duplicateName(record.name);
    await this.write([...tokens, record]);
  }

  async list() {
    return [...(await this.read())].sort(byName);
  }

  async revoke(name: string) {
    const tokens = await this.read();
    const revoked = tokens.find((t) => t.name === name);
    if (revoked) await this.write(tokens.filter((t) => t !== revoked));
    return revoked;
  }

  private async write(tokens: TokenRecord[]) {
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify({ tokens }, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, this.path);
  }

  private async read(): Promise<TokenRecord[]> {
    const mtimeMs = await stat(this.path).then(
      (s) => s.mtimeMs,
      () => undefined,
    );
    if (mtimeMs === undefined) return [];
    if (this.cache?.mtimeMs !== mtimeMs) {
      const parsed = TokenFile.parse(JSON.parse(await readFile(this.path, "utf8")));
      this.cache = { mtimeMs, tokens: parsed.tokens };
    }
    return this.cache.tokens;
  }
}
