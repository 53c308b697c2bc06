import { describe, it, expect } from "vitest";
import { internetChecksum, onesComplementSum, pseudoHeaderSum } from "#runtime/wire/checksum.ts";

// The worked example of RFC 1071 §3 ("Numerical Examples").
const RFC1071_EVEN = Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7);
const RFC1071_ODD = Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6);

describe("onesComplementSum (RFC 1071)", () => {
  it("sums the RFC 1071 §3 example to 2ddf0 and folds the carry to ddf2", () => {
    // 0001 + f203 + f4f5 + f6f7 = 2ddf0; folding adds the carry 2 back: ddf0 + 2 = ddf2.
    expect(onesComplementSum(RFC1071_EVEN)).toBe(0xddf2);
    // The unfolded sum, passed as a starting value, folds the same way.
    expect(onesComplementSum(new Uint8Array(0), 0, 0, 0x2ddf0)).toBe(0xddf2);
  });

  it("pads an odd length with a zero byte (RFC 1071 §1)", () => {
    // 0001 + f203 + f4f5 + f600 = 2dcf9, folded dcfb.
    expect(onesComplementSum(RFC1071_ODD)).toBe(0xdcfb);
    expect(onesComplementSum(Uint8Array.of(0xab))).toBe(0xab00);
  });

  it("sums only bytes[start..end)", () => {
    const padded = Uint8Array.of(0xee, 0xee, ...RFC1071_EVEN, 0xee);
    expect(onesComplementSum(padded, 2, 10)).toBe(0xddf2);
  });

  it("continues from an earlier sum when split at an even offset (RFC 1071 §2(A), associativity)", () => {
    const first = onesComplementSum(RFC1071_EVEN, 0, 4);
    expect(onesComplementSum(RFC1071_EVEN, 4, 8, first)).toBe(0xddf2);
  });

  it("is byte-order independent: swapping every byte pair swaps the sum's bytes (RFC 1071 §2(B))", () => {
    const swapped = Uint8Array.of(0x01, 0x00, 0x03, 0xf2, 0xf5, 0xf4, 0xf7, 0xf6);
    expect(onesComplementSum(swapped)).toBe(0xf2dd);
  });

  it("folds repeatedly for long buffers", () => {
    // 50,000 words of ffff: in one's complement, ffff is negative zero, so the sum stays ffff.
    expect(onesComplementSum(new Uint8Array(100_000).fill(0xff))).toBe(0xffff);
    // 40,000 words of 0001 sum to 40000 = 0x9c40 with no carry at all.
    const ones = new Uint8Array(80_000);
    for (let i = 1; i < ones.length; i += 2) ones[i] = 1;
    expect(onesComplementSum(ones)).toBe(0x9c40);
  });

  it("is 0 for an empty buffer", () => {
    expect(onesComplementSum(new Uint8Array(0))).toBe(0);
  });
});

describe("internetChecksum (RFC 1071)", () => {
  it("is the complement of the folded sum: ~ddf2 = 220d (RFC 1071 §3)", () => {
    expect(internetChecksum(RFC1071_EVEN)).toBe(0x220d);
  });

  it("handles odd lengths: 00 01 f2 03 f4 f5 f6 gives 2304", () => {
    expect(internetChecksum(RFC1071_ODD)).toBe(0x2304);
  });

  it("verifies: data followed by its checksum sums to ffff", () => {
    const withChecksum = Uint8Array.of(...RFC1071_EVEN, 0x22, 0x0d);
    expect(onesComplementSum(withChecksum)).toBe(0xffff);
    // And one flipped bit breaks it.
    withChecksum[3] ^= 0x10;
    expect(onesComplementSum(withChecksum)).not.toBe(0xffff);
  });

  it("starts from an initial sum", () => {
    expect(internetChecksum(RFC1071_EVEN.subarray(4), onesComplementSum(RFC1071_EVEN.subarray(0, 4)))).toBe(0x220d);
  });
});

describe("pseudoHeaderSum", () => {
  it("adds the address halves, protocol and length (RFC 768; RFC 9293 §3.1)", () => {
    // 10.0.0.1 -> 10.0.0.2, UDP, 10 bytes: 0a00 + 0001 + 0a00 + 0002 + 0011 + 000a = 141e.
    expect(pseudoHeaderSum(0x0a000001, 0x0a000002, 17, 10)).toBe(0x141e);
  });

  it("stays positive for addresses with the top bit set", () => {
    expect(onesComplementSum(new Uint8Array(0), 0, 0, pseudoHeaderSum(0xffffffff, 0xffffffff, 0, 0))).toBe(0xffff);
  });
});
