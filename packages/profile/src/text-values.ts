import { INTEGER, NUMBER } from "./kinds";

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * Reads text[start, end) as a number: INTEGER | NUMBER for `[+-]digits`, NUMBER for decimals and
 * exponents, 0 for anything else (NaN, Infinity, hex, spaces). Puts the value in `out.value`: up to
 * 15 significant digits it divides an exact integer by an exact power of ten, a single correctly
 * rounded operation like Number() performs, without making a substring.
 */
export function scanNumber(
  text: string,
  start: number,
  end: number,
  out: { value: number },
): number {
  let i = start;
  let c = text.charCodeAt(i);
  const negative = c === 45;
  if (negative || c === 43) i++;
  const digitsStart = i;
  let mantissa = 0;
  for (; i < end; i++) {
    c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    mantissa = mantissa * 10 + c;
  }
  let digits = i - digitsStart;
  if (i === end) {
    if (digits === 0) return 0;
    out.value = digits > 15 ? Number(text.slice(start, end)) : negative ? -mantissa : mantissa;
    return INTEGER | NUMBER;
  }
  let scale = 0;
  if (text.charCodeAt(i) === 46) {
    const fractionStart = ++i;
    for (; i < end; i++) {
      c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      mantissa = mantissa * 10 + c;
    }
    scale = i - fractionStart;
    digits += scale;
  }
  if (digits === 0) return 0;
  if (i === end) {
    if (digits > 15) out.value = Number(text.slice(start, end));
    else out.value = (negative ? -mantissa : mantissa) / (POWERS_OF_TEN[scale] as number);
    return NUMBER;
  }
  c = text.charCodeAt(i);
  if (c !== 101 && c !== 69) return 0;
  c = text.charCodeAt(++i);
  if (c === 43 || c === 45) i++;
  const exponentStart = i;
  for (; i < end; i++) {
    c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return 0;
  }
  if (i === exponentStart) return 0;
  out.value = Number(text.slice(start, end));
  return Number.isFinite(out.value) ? NUMBER : 0;
}

/** 1 for true, 0 for false (any letter case), -1 otherwise. */
export function scanBoolean(text: string, start: number, end: number): number {
  const length = end - start;
  if (length === 4 && matches(text, start, "true")) return 1;
  if (length === 5 && matches(text, start, "false")) return 0;
  return -1;
}

function matches(text: string, start: number, lowercase: string): boolean {
  for (let i = 0; i < lowercase.length; i++) {
    if ((text.charCodeAt(start + i) | 0x20) !== lowercase.charCodeAt(i)) return false;
  }
  return true;
}

const ISO_8601 =
  /^(\d{4})-(\d\d)-(\d\d)(?:[Tt ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d\d(?::?\d\d)?)?)?$/;

/** Epoch milliseconds of an ISO 8601 date or date-time (RFC 3339 style), NaN otherwise; no offset means UTC. */
export function parseTimestamp(text: string): number {
  if (text.length < 10 || text.charCodeAt(4) !== 45) return Number.NaN;
  const m = ISO_8601.exec(text);
  if (!m) return Number.NaN;
  const [year, month, day, hour, minute, second] = m
    .slice(1, 7)
    .map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const millis = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
    return Number.NaN;
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
