import { INTEGER, NUMBER } from "./kinds";

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * INTEGER | NUMBER for `[+-]digits`, NUMBER for decimals and exponents, 0 for anything else (NaN,
 * Infinity, hex, spaces). Puts the value in `out.value`: up to 15 significant digits it divides an
 * exact integer by an exact power of ten, one correctly rounded operation, as Number() would.
 */
export function scanNumber(text: string, out: { value: number }): number {
  const length = text.length;
  let i = 0;
  let c = text.charCodeAt(0);
  const negative = c === 45;
  if (negative || c === 43) i++;
  const start = i;
  let mantissa = 0;
  for (; i < length; i++) {
    c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    mantissa = mantissa * 10 + c;
  }
  let digits = i - start;
  if (i === length) {
    if (digits === 0) return 0;
    out.value = digits > 15 ? Number(text) : negative ? -mantissa : mantissa;
    return INTEGER | NUMBER;
  }
  let scale = 0;
  if (text.charCodeAt(i) === 46) {
    const fractionStart = ++i;
    for (; i < length; i++) {
      c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      mantissa = mantissa * 10 + c;
    }
    scale = i - fractionStart;
    digits += scale;
  }
  if (digits === 0) return 0;
  if (i === length) {
    const value = digits > 15 ? Number(text) : mantissa / (POWERS_OF_TEN[scale] as number);
    out.value = negative && digits <= 15 ? -value : value;
    return NUMBER;
  }
  c = text.charCodeAt(i);
  if (c !== 101 && c !== 69) return 0;
  c = text.charCodeAt(++i);
  if (c === 43 || c === 45) i++;
  const exponentStart = i;
  for (; i < length; i++) {
    c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return 0;
  }
  if (i === exponentStart) return 0;
  out.value = Number(text);
  return Number.isFinite(out.value) ? NUMBER : 0;
}

/** true/false in any letter case; undefined otherwise. */
export function parseBoolean(text: string): boolean | undefined {
  if (text.length === 4) {
    if (text === "true" || text.toLowerCase() === "true") return true;
  } else if (text.length === 5) {
    if (text === "false" || text.toLowerCase() === "false") return false;
  }
  return undefined;
}

const ISO_8601 =
  /^(\d{4})-(\d\d)-(\d\d)(?:[Tt ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d\d(?::?\d\d)?)?)?$/;

/** Epoch milliseconds of an ISO 8601 date or date-time (RFC 3339 style), NaN otherwise; no offset means UTC. */
export function parseTimestamp(text: string): number {
  if (text.length < 10 || text.charCodeAt(4) !== 45) return Number.NaN;
  const m = ISO_8601.exec(text);
  if (!m) return Number.NaN;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCDate() !== day) return Number.NaN;
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime() + millis - offsetMinutes(m[8]) * 60_000;
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone === "Z" || zone === "z") return 0;
  const digits = zone.replace(":", "");
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0);
  return zone[0] === "-" ? -minutes : minutes;
}
