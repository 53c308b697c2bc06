import { describe, it, expect } from "vitest";
import { formatIpv4Address, parseCidr, parseIpv4Address, prefixMask } from "#runtime/wire/address.ts";
import { WireError } from "#runtime/wire/errors.ts";

describe("parseIpv4Address / formatIpv4Address", () => {
  it.each([
    ["0.0.0.0", 0],
    ["10.0.0.1", 0x0a000001],
    ["192.168.1.254", 0xc0a801fe],
    ["255.255.255.255", 0xffffffff],
  ])("%s is %i and back", (text, value) => {
    expect(parseIpv4Address(text)).toBe(value);
    expect(formatIpv4Address(value)).toBe(text);
  });

  it("returns unsigned numbers for addresses with the top bit set", () => {
    expect(parseIpv4Address("200.0.0.1")).toBeGreaterThan(0);
  });

  it.each([
    ["", "expected 4 dot-separated parts, found 1"],
    ["10.0.0", "expected 4 dot-separated parts, found 3"],
    ["10.0.0.1.", "expected 4 dot-separated parts, found 5"],
    ["10.0.0.256", 'part 4 "256" is not a decimal number from 0 to 255'],
    ["10.0.0.01", 'part 4 "01" is not a decimal number'],
    ["10.-1.0.0", 'part 2 "-1" is not a decimal number'],
    [" 10.0.0.1", 'part 1 " 10" is not a decimal number'],
    ["1e1.0.0.0", 'part 1 "1e1" is not a decimal number'],
    ["a.b.c.d", 'part 1 "a" is not a decimal number'],
    ["10..0.1", 'part 2 "" is not a decimal number'],
  ])("rejects %j", (text, message) => {
    expect(() => parseIpv4Address(text)).toThrow(WireError);
    expect(() => parseIpv4Address(text)).toThrow(message);
  });

  it.each([-1, 2 ** 32, 1.5])("refuses to format %s", (value) => {
    expect(() => formatIpv4Address(value)).toThrow(WireError);
  });

  it("hints at >>> 0 for a negative address", () => {
    expect(() => formatIpv4Address(0xc0a80001 | 0)).toThrow("apply >>> 0");
  });
});

describe("prefixMask", () => {
  it.each([
    [0, 0],
    [1, 0x80000000],
    [8, 0xff000000],
    [24, 0xffffff00],
    [31, 0xfffffffe],
    [32, 0xffffffff],
  ])("/%i is %i", (length, mask) => {
    expect(prefixMask(length)).toBe(mask);
  });

  it.each([-1, 33, 1.5])("rejects /%s", (length) => {
    expect(() => prefixMask(length)).toThrow("prefix length must be an integer from 0 to 32");
  });
});

describe("parseCidr", () => {
  it.each([
    ["10.0.0.0/8", 0x0a000000, 8],
    ["192.168.1.0/24", 0xc0a80100, 24],
    ["0.0.0.0/0", 0, 0],
    ["10.0.0.1/32", 0x0a000001, 32],
  ])("%s", (text, network, prefixLength) => {
    expect(parseCidr(text)).toEqual({ network, prefixLength });
  });

  it("rejects host bits and suggests the network", () => {
    expect(() => parseCidr("10.1.2.3/8")).toThrow('Invalid CIDR "10.1.2.3/8": host bits are set (did you mean 10.0.0.0/8?)');
  });

  it.each([
    ["10.0.0.0", 'missing "/prefix-length"'],
    ["10.0.0.0/33", 'prefix length "33" is not a number from 0 to 32'],
    ["10.0.0.0/", 'prefix length "" is not'],
    ["10.0.0.0/08", 'prefix length "08" is not'],
    ["10.0.0/8", "expected 4 dot-separated parts"],
  ])("rejects %j", (text, message) => {
    expect(() => parseCidr(text)).toThrow(message);
  });
});
