import { hashNumber, hashString } from "./hash";
import { scanNumber } from "./text-values";

const PRECISION = 11;
const REGISTERS = 1 << PRECISION;
const EXACT_LIMIT = 128;
const TWO_32 = 2 ** 32;

/**
 * Distinct-value counter: an exact set of 32-bit hashes up to 128 values, then HyperLogLog with
 * 2048 registers (standard error 1.04/sqrt(2048) = 2.3%). Merging is lossless: a union.
 */
export class DistinctCounter {
  private hashes: Set<number> | undefined = new Set();
  private registers: Uint8Array | undefined;

  /** Adds a value by its text; text that reads as a number counts as that number. */
  add(text: string): void {
    this.addHash(valueHash(text, 0, text.length, hashString(text)));
  }

  addHash(hash: number): void {
    if (this.hashes) {
      this.hashes.add(hash);
      if (this.hashes.size > EXACT_LIMIT) this.toRegisters();
      return;
    }
    const registers = this.registers as Uint8Array;
    const index = hash >>> (32 - PRECISION);
    const rank = Math.min(Math.clz32(hash << PRECISION) + 1, 33 - PRECISION);
    if (rank > (registers[index] as number)) registers[index] = rank;
  }

  merge(other: DistinctCounter): void {
    if (other.hashes) {
      for (const hash of other.hashes) this.addHash(hash);
      return;
    }
    if (this.hashes) this.toRegisters();
    const mine = this.registers as Uint8Array;
    const theirs = other.registers as Uint8Array;
    for (let i = 0; i < REGISTERS; i++) mine[i] = Math.max(mine[i] as number, theirs[i] as number);
  }

  estimate(): number {
    if (this.hashes) return this.hashes.size;
    const registers = this.registers as Uint8Array;
    let sum = 0;
    let zeros = 0;
    for (const r of registers) {
      sum += 2 ** -r;
      if (r === 0) zeros++;
    }
    const alpha = 0.7213 / (1 + 1.079 / REGISTERS);
    let estimate = (alpha * REGISTERS * REGISTERS) / sum;
    if (estimate <= 2.5 * REGISTERS && zeros > 0)
      estimate = REGISTERS * Math.log(REGISTERS / zeros);
    else if (estimate > TWO_32 / 30) estimate = -TWO_32 * Math.log(1 - estimate / TWO_32);
    return Math.round(estimate);
  }

  toJSON(): string {
    if (this.hashes) {
      return `exact:${Buffer.from(Uint32Array.from(this.hashes).buffer).toString("base64")}`;
    }
    return `hll${PRECISION}:${Buffer.from(packSixBits(this.registers as Uint8Array)).toString("base64")}`;
  }

  static fromJSON(json: string): DistinctCounter {
    const counter = new DistinctCounter();
    const [kind, data = ""] = json.split(":");
    const bytes = Buffer.from(data, "base64");
    if (kind === "exact" && bytes.length % 4 === 0) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
      for (let i = 0; i < bytes.length; i += 4) counter.addHash(view.getUint32(i, true));
      return counter;
    }
    if (kind === `hll${PRECISION}` && bytes.length === (REGISTERS * 3) / 4) {
      counter.hashes = undefined;
      counter.registers = unpackSixBits(bytes);
      return counter;
    }
    throw new Error(`unreadable distinct sketch "${json.slice(0, 20)}"`);
  }

  private toRegisters(): void {
    const hashes = this.hashes ?? [];
    this.hashes = undefined;
    this.registers = new Uint8Array(REGISTERS);
    for (const hash of hashes) this.addHash(hash);
  }
}

const scanned = { value: 0 };

/** The hash that stands for a value in distinct counts: its number's if it reads as one, else `textHash`. */
export function valueHash(text: string, start: number, end: number, textHash: number): number {
  return scanNumber(text, start, end, scanned) === 0 ? textHash : hashNumber(scanned.value);
}

function packSixBits(registers: Uint8Array): Uint8Array {
  const out = new Uint8Array((registers.length * 3) / 4);
  for (let i = 0, o = 0; i < registers.length; i += 4, o += 3) {
    const word =
      ((registers[i] as number) << 18) |
      ((registers[i + 1] as number) << 12) |
      ((registers[i + 2] as number) << 6) |
      (registers[i + 3] as number);
    out[o] = word >>> 16;
    out[o + 1] = (word >>> 8) & 0xff;
    out[o + 2] = word & 0xff;
  }
  return out;
}

function unpackSixBits(bytes: Uint8Array): Uint8Array {
  const registers = new Uint8Array(REGISTERS);
  for (let i = 0, o = 0; i < REGISTERS; i += 4, o += 3) {
    const word =
      ((bytes[o] as number) << 16) | ((bytes[o + 1] as number) << 8) | (bytes[o + 2] as number);
    registers[i] = word >>> 18;
    registers[i + 1] = (word >>> 12) & 63;
    registers[i + 2] = (word >>> 6) & 63;
    registers[i + 3] = word & 63;
  }
  return registers;
}
