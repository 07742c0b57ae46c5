import { describe, expect, it } from "vitest";
import { testPattern } from "./index";

interface CidrCase {
  rule: string;
  matcher: unknown;
  ip: unknown;
  matches: boolean;
}

describe("cidr (Comparison operators › IP address matching)", () => {
  const cases: CidrCase[] = [
    {
      rule: "an IPv4 CIDR matches an address inside it (IP address matching)",
      matcher: { cidr: "10.0.0.0/24" },
      ip: "10.0.0.255",
      matches: true,
    },
    {
      rule: "an IPv4 CIDR does not match an address outside it (IP address matching)",
      matcher: { cidr: "10.0.0.0/24" },
      ip: "10.0.1.0",
      matches: false,
    },
    {
      rule: "an IPv4 CIDR with host bits set still covers the whole block (event-ruler masks the base address)",
      matcher: { cidr: "10.0.0.77/24" },
      ip: "10.0.0.1",
      matches: true,
    },
    {
      rule: "a /0 CIDR matches every IPv4 address (IP address matching)",
      matcher: { cidr: "0.0.0.0/0" },
      ip: "255.255.255.255",
      matches: true,
    },
    {
      rule: "an odd-sized IPv4 block has exact edges (IP address matching: /27)",
      matcher: { cidr: "192.168.1.32/27" },
      ip: "192.168.1.64",
      matches: false,
    },
    {
      rule: "an IPv6 CIDR matches an address inside it (IP address matching: IPv6)",
      matcher: { cidr: "2001:db8::/32" },
      ip: "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
      matches: true,
    },
    {
      rule: "an IPv6 CIDR does not match an address outside it (IP address matching: IPv6)",
      matcher: { cidr: "2001:db8::/32" },
      ip: "2001:db9::1",
      matches: false,
    },
    {
      rule: "an IPv6 CIDR compares partial words (IP address matching: IPv6 /36)",
      matcher: { cidr: "2001:db8:a000::/36" },
      ip: "2001:db8:afff:ffff::1",
      matches: true,
    },
    {
      rule: "an IPv4 CIDR does not match an IPv6 address (IP address matching)",
      matcher: { cidr: "10.0.0.0/8" },
      ip: "::1",
      matches: false,
    },
    {
      rule: "an IPv4 CIDR matches an IPv4-mapped IPv6 address (event-ruler: Java InetAddress maps it)",
      matcher: { cidr: "10.0.0.0/8" },
      ip: "::ffff:a00:1",
      matches: true,
    },
    {
      rule: "a non-IP string does not match (IP address matching: the value must be an address)",
      matcher: { cidr: "10.0.0.0/8" },
      ip: "10.0.0",
      matches: false,
    },
    {
      rule: "an octet above 255 is not an address (IP address matching)",
      matcher: { cidr: "10.0.0.0/8" },
      ip: "10.0.0.256",
      matches: false,
    },
    {
      rule: "a number is not an address (IP address matching: string values)",
      matcher: { cidr: "0.0.0.0/0" },
      ip: 167772161,
      matches: false,
    },
    {
      rule: "matches any address of an event array (IP address matching + Arrays)",
      matcher: { cidr: "10.0.0.0/24" },
      ip: ["192.168.0.1", "10.0.0.33"],
      matches: true,
    },
    {
      rule: "a plain IPv6 value matches the same address written differently (event-ruler: IP values compile to ranges)",
      matcher: "2001:db8::1",
      ip: "2001:0DB8:0:0:0:0:0:1",
      matches: true,
    },
    {
      rule: "a plain IPv4 value still matches exactly (Event patterns: exact value)",
      matcher: "10.0.0.1",
      ip: "10.0.0.2",
      matches: false,
    },
  ];

  it.each(cases)("$rule", ({ matcher, ip, matches }) => {
    expect(
      testPattern({ detail: { sourceIPAddress: [matcher] } }, { detail: { sourceIPAddress: ip } }),
    ).toBe(matches);
  });
});
