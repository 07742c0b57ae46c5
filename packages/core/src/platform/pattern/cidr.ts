import type { StringCondition } from "./conditions";
import { IPV4, IPV6, IpReader } from "./ip";

export class CidrSyntaxError extends Error {}

const IPV4_BITS = 32;
const IPV6_BITS = 128;
const WORD_BITS = 16;
const WORD_MASK = 0xffff;
const MASK_BITS_SYNTAX = /^-?\d+$/;

export function compileCidr(cidr: string): StringCondition {
  const parts = cidr.split("/");
  if (parts.length !== 2) throw new CidrSyntaxError("malformed CIDR, exactly one '/' is required");
  const [address = "", maskText = ""] = parts;
  if (!MASK_BITS_SYNTAX.test(maskText)) {
    throw new CidrSyntaxError("malformed CIDR, mask bits must be an integer");
  }
  const maskBits = Number(maskText);
  if (maskBits < 0) throw new CidrSyntaxError("malformed CIDR, mask bits must not be negative");

  const reader = new IpReader();
  const version = reader.read(address);
  // event-ruler rejects /32 and /128 (a single address is written as a plain value instead).
  if (version === IPV4) {
    if (maskBits >= IPV4_BITS) throw new CidrSyntaxError("IPv4 mask bits must be < 32");
    return new IPv4Range(reader.ipv4, maskBits);
  }
  if (version === IPV6) {
    if (maskBits >= IPV6_BITS) throw new CidrSyntaxError("IPv6 mask bits must be < 128");
    return new IPv6Prefix(reader.ipv6Words, maskBits);
  }
  throw new CidrSyntaxError(`invalid IP address ${JSON.stringify(address)}`);
}

class IPv4Range implements StringCondition {
  private readonly lowest: number;
  private readonly highest: number;
  private readonly reader = new IpReader();

  constructor(address: number, maskBits: number) {
    const hostRange = 2 ** (IPV4_BITS - maskBits);
    this.lowest = address - (address % hostRange);
    this.highest = this.lowest + hostRange - 1;
  }

  matches(candidate: string): boolean {
    if (this.reader.read(candidate) !== IPV4) return false;
    return this.reader.ipv4 >= this.lowest && this.reader.ipv4 <= this.highest;
  }
}

class IPv6Prefix implements StringCondition {
  private readonly maskedWords: Uint16Array;
  private readonly wordMasks: Uint16Array;
  private readonly reader = new IpReader();

  constructor(words: Uint16Array, maskBits: number) {
    this.wordMasks = new Uint16Array(words.length);
    this.maskedWords = new Uint16Array(words.length);
    for (let index = 0; index < words.length; index++) {
      const fixedBits = Math.min(WORD_BITS, Math.max(0, maskBits - index * WORD_BITS));
      const mask = (WORD_MASK << (WORD_BITS - fixedBits)) & WORD_MASK;
      this.wordMasks[index] = mask;
      this.maskedWords[index] = (words[index] as number) & mask;
    }
  }

  matches(candidate: string): boolean {
    if (this.reader.read(candidate) !== IPV6) return false;
    const words = this.reader.ipv6Words;
    for (let index = 0; index < words.length; index++) {
      if (
        ((words[index] as number) & (this.wordMasks[index] as number)) !==
        this.maskedWords[index]
      ) {
        return false;
      }
    }
    return true;
  }
}

/**
 * event-ruler compiles a plain string value that is an IP address into a one-address range, so
 * "2001:db8::1" also matches "2001:0db8:0:0:0:0:0:1". Returns null for anything else.
 */
export function compileIpAddressValue(value: string): StringCondition | null {
  const reader = new IpReader();
  const version = reader.read(value);
  if (version === IPV4) return new IPv4Range(reader.ipv4, IPV4_BITS);
  if (version === IPV6) return new IPv6Prefix(reader.ipv6Words, IPV6_BITS);
  return null;
}
