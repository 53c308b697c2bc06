/** runtime/core/sha1.ts against FIPS 180-4's examples and node:crypto. */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha1 } from "#runtime/crypto/sha1.ts";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const ascii = (text: string) => new TextEncoder().encode(text);

describe("sha1", () => {
  it("gives the digests of the FIPS 180 examples (\"abc\", the 448-bit message, the empty string)", () => {
    expect(hex(sha1(ascii("abc")))).toBe("a9993e364706816aba3e25717850c26c9cd0d89d");
    expect(hex(sha1(ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")))).toBe("84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    expect(hex(sha1(new Uint8Array(0)))).toBe("da39a3ee5e6b4b0d3255bfef95601890afd80709");
  });

  it("matches node:crypto at every length from 0 to 200 bytes (each padding boundary) and at 100,000 bytes", () => {
    for (let length = 0; length <= 200; length++) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 131 + length) & 0xff);
      expect(hex(sha1(data)), `length ${length}`).toBe(createHash("sha1").update(data).digest("hex"));
    }
    const big = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) & 0xff);
    expect(hex(sha1(big))).toBe(createHash("sha1").update(big).digest("hex"));
  });

  it("hashes a view by its own bytes, not its buffer's", () => {
    const buffer = ascii("xxabcxx");
    expect(hex(sha1(buffer.subarray(2, 5)))).toBe("a9993e364706816aba3e25717850c26c9cd0d89d");
  });
});
