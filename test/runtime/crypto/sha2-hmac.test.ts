/** runtime/crypto: SHA-256, SHA-384 and HMAC against FIPS 180-4's and RFC 4231's examples and node:crypto. */
import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hmac, SHA256, SHA384 } from "#runtime/crypto/hmac.ts";
import { sha256 } from "#runtime/crypto/sha256.ts";
import { sha384 } from "#runtime/crypto/sha384.ts";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const ascii = (text: string) => new TextEncoder().encode(text);
const fill = (byte: number, length: number) => new Uint8Array(length).fill(byte);
const TWO_BLOCKS_256 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
const TWO_BLOCKS_512 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

describe("sha256", () => {
  it("gives the digests of the FIPS 180-4 examples (\"abc\", the 448-bit message) and of the empty string", () => {
    expect(hex(sha256(ascii("abc")))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hex(sha256(ascii(TWO_BLOCKS_256)))).toBe("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    expect(hex(sha256(new Uint8Array(0)))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("matches node:crypto at every length from 0 to 200 bytes (each padding boundary) and at 100,000 bytes", () => {
    for (let length = 0; length <= 200; length++) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 131 + length) & 0xff);
      expect(hex(sha256(data)), `length ${length}`).toBe(createHash("sha256").update(data).digest("hex"));
    }
    const big = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) & 0xff);
    expect(hex(sha256(big))).toBe(createHash("sha256").update(big).digest("hex"));
  });

  it("hashes a view into a larger buffer by its own bytes only", () => {
    const buffer = fill(0xee, 40);
    buffer.set(ascii("abc"), 10);
    expect(hex(sha256(buffer.subarray(10, 13)))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("sha384", () => {
  it("gives the digests of the FIPS 180-4 examples (\"abc\", the 896-bit message) and of the empty string", () => {
    expect(hex(sha384(ascii("abc")))).toBe("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7");
    expect(hex(sha384(ascii(TWO_BLOCKS_512)))).toBe("09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039");
    expect(hex(sha384(new Uint8Array(0)))).toBe(createHash("sha384").update("").digest("hex"));
  });

  it("matches node:crypto at every length from 0 to 300 bytes (each padding boundary) and at 100,000 bytes", () => {
    for (let length = 0; length <= 300; length++) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 151 + length) & 0xff);
      expect(hex(sha384(data)), `length ${length}`).toBe(createHash("sha384").update(data).digest("hex"));
    }
    const big = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 13) & 0xff);
    expect(hex(sha384(big))).toBe(createHash("sha384").update(big).digest("hex"));
  });
});

describe("hmac", () => {
  // RFC 4231 §4.2 (test case 1), §4.3 (case 2) and §4.7 (case 6: a key longer than the block, hashed first).
  const CASES = [
    {
      key: fill(0x0b, 20),
      data: ascii("Hi There"),
      sha256: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
      sha384: "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6",
    },
    {
      key: ascii("Jefe"),
      data: ascii("what do ya want for nothing?"),
      sha256: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
      sha384: "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
    },
    {
      key: fill(0xaa, 131),
      data: ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
      sha256: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
      sha384: "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952",
    },
  ];

  it("gives RFC 4231's HMAC-SHA-256 and HMAC-SHA-384 for test cases 1, 2 and 6", () => {
    for (const c of CASES) {
      expect(hex(hmac(SHA256, c.key, c.data))).toBe(c.sha256);
      expect(hex(hmac(SHA384, c.key, c.data))).toBe(c.sha384);
    }
  });

  it("matches node:crypto for keys of every length around both block sizes (0-200 bytes)", () => {
    const data = Uint8Array.from({ length: 77 }, (_, i) => i);
    for (let length = 0; length <= 200; length++) {
      const key = Uint8Array.from({ length }, (_, i) => (i * 29 + 1) & 0xff);
      expect(hex(hmac(SHA256, key, data)), `key length ${length}`).toBe(createHmac("sha256", key).update(data).digest("hex"));
      expect(hex(hmac(SHA384, key, data)), `key length ${length}`).toBe(createHmac("sha384", key).update(data).digest("hex"));
    }
  });

  it("describes its hash functions: lengths 32 and 48, blocks 64 and 128", () => {
    expect([SHA256.length, SHA256.blockLength, SHA384.length, SHA384.blockLength]).toEqual([32, 64, 48, 128]);
    expect(Object.isFrozen(SHA256) && Object.isFrozen(SHA384)).toBe(true);
  });
});
