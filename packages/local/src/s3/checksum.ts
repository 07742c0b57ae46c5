import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";

export interface Checksum {
  readonly name: string;
  update(data: Buffer): void;
  base64(): string;
}

/**
 * The running checksum for an `x-amz-trailer` header, or undefined for algorithms Node
 * does not ship (CRC32C, CRC64NVME): those bodies are stored unverified.
 */
export function checksumForTrailer(trailer: string | undefined): Checksum | undefined {
  switch (trailer?.trim().toLowerCase()) {
    case "x-amz-checksum-crc32":
      return crc32Checksum();
    case "x-amz-checksum-sha1":
      return hashChecksum("sha1");
    case "x-amz-checksum-sha256":
      return hashChecksum("sha256");
    default:
      return undefined;
  }
}

function crc32Checksum(): Checksum {
  let value = 0;
  return {
    name: "CRC32",
    update: (data) => {
      value = crc32(data, value);
    },
    base64: () => {
      const bytes = Buffer.alloc(4);
      bytes.writeUInt32BE(value >>> 0);
      return bytes.toString("base64");
    },
  };
}

function hashChecksum(algorithm: "sha1" | "sha256"): Checksum {
  const hash = createHash(algorithm);
  return {
    name: algorithm.toUpperCase(),
    update: (data) => hash.update(data),
    base64: () => hash.digest("base64"),
  };
}
