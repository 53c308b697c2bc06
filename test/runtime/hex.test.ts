import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "#runtime/core/hex.ts";

describe("fromHex", () => {
  it("reads pairs with or without white space, in either case", () => {
    expect([...fromHex("00 05 68 69")]).toEqual([0x00, 0x05, 0x68, 0x69]);
    expect([...fromHex("DEADbeef")]).toEqual([0xde, 0xad, 0xbe, 0xef]);
    expect([...fromHex("\t0a\r\n0B\f\v 0c\u00a0\u20280d ")]).toEqual([0x0a, 0x0b, 0x0c, 0x0d]);
    expect([...fromHex("a b")]).toEqual([0xab]);
    expect(fromHex("")).toEqual(new Uint8Array(0));
  });

  it("gives a buffer of exactly the bytes read", () => {
    expect(fromHex("01 02 03").buffer.byteLength).toBe(3);
  });

  it("round-trips every byte value", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromHex(toHex(all))).toEqual(all);
    expect(fromHex(toHex(all, ""))).toEqual(all);
  });

  it("refuses anything but hex digits and white space, and an odd count of digits", () => {
    for (const text of ["0", "abc", "0g", "0x01", "01-02", "ÿ0", "/0", ":0", "@0", "`0", "G0", "g0", "0\u{1F600}"]) {
      expect(() => fromHex(text), text).toThrow(`Not hex bytes: "${text}"`);
    }
  });
});
