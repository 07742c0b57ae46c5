const IPV6_WORD_COUNT = 8;
const IPV4_OCTET_MAX = 255;
const IPV6_GROUP_MAX_DIGITS = 4;
const MAPPED_IPV4_MARKER = 0xffff;
const DOT = 0x2e;
const COLON = 0x3a;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const LOWER_A = 0x61;
const LOWER_F = 0x66;
const UPPER_A = 0x41;
const UPPER_F = 0x46;

export const NOT_AN_IP = 0;
export const IPV4 = 4;
export const IPV6 = 6;
export type IpVersion = typeof NOT_AN_IP | typeof IPV4 | typeof IPV6;

/**
 * Reads IP address text without allocating: the result lives in `ipv4` or `ipv6Words` until the
 * next call. Accepted shapes follow event-ruler: four dotted decimal octets, or hex groups with
 * at most one "::". An IPv4-mapped IPv6 address reads as IPv4, as Java's InetAddress does.
 */
export class IpReader {
  ipv4 = 0;
  readonly ipv6Words = new Uint16Array(IPV6_WORD_COUNT);

  read(text: string): IpVersion {
    const ipv4 = parseIPv4(text);
    if (ipv4 >= 0) {
      this.ipv4 = ipv4;
      return IPV4;
    }
    if (!parseIPv6Into(text, this.ipv6Words)) return NOT_AN_IP;
    if (isMappedIPv4(this.ipv6Words)) {
      this.ipv4 = (this.ipv6Words[6] as number) * 0x10000 + (this.ipv6Words[7] as number);
      return IPV4;
    }
    return IPV6;
  }
}

function parseIPv4(text: string): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= DIGIT_0 && code <= DIGIT_9) {
      octet = octet * 10 + (code - DIGIT_0);
      digits++;
      if (octet > IPV4_OCTET_MAX) return -1;
    } else if (code === DOT && digits > 0 && dots < 3) {
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else {
      return -1;
    }
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}

function parseIPv6Into(text: string, words: Uint16Array): boolean {
  const gap = text.indexOf("::");
  if (gap !== -1 && text.indexOf("::", gap + 1) !== -1) return false;
  const headCount = parseGroups(text, 0, gap === -1 ? text.length : gap, words, 0);
  if (headCount < 0) return false;
  if (gap === -1) return headCount === IPV6_WORD_COUNT;
  const tailCount = parseGroups(text, gap + 2, text.length, words, headCount);
  if (tailCount < 0 || headCount + tailCount >= IPV6_WORD_COUNT) return false;
  const zeroCount = IPV6_WORD_COUNT - headCount - tailCount;
  for (let index = tailCount - 1; index >= 0; index--) {
    words[headCount + zeroCount + index] = words[headCount + index] as number;
  }
  words.fill(0, headCount, headCount + zeroCount);
  return true;
}

function parseGroups(
  text: string,
  start: number,
  end: number,
  words: Uint16Array,
  offset: number,
): number {
  if (start === end) return 0;
  let count = 0;
  let group = 0;
  let digits = 0;
  for (let index = start; index <= end; index++) {
    if (index === end || text.charCodeAt(index) === COLON) {
      if (digits === 0 || offset + count >= IPV6_WORD_COUNT) return -1;
      words[offset + count] = group;
      count++;
      group = 0;
      digits = 0;
      continue;
    }
    const nibble = hexValue(text.charCodeAt(index));
    if (nibble < 0 || digits === IPV6_GROUP_MAX_DIGITS) return -1;
    group = group * 16 + nibble;
    digits++;
  }
  return count;
}

function hexValue(code: number): number {
  if (code >= DIGIT_0 && code <= DIGIT_9) return code - DIGIT_0;
  if (code >= LOWER_A && code <= LOWER_F) return code - LOWER_A + 10;
  if (code >= UPPER_A && code <= UPPER_F) return code - UPPER_A + 10;
  return -1;
}

function isMappedIPv4(words: Uint16Array): boolean {
  for (let index = 0; index < 5; index++) {
    if (words[index] !== 0) return false;
  }
  return words[5] === MAPPED_IPV4_MARKER;
}
