import { describe, expect, it } from "vitest";
import { Fnv1a64 } from "#runtime/core/hash.ts";

describe("Fnv1a64.updateBytes", () => {
  it("gives FNV-1a's published 64-bit hashes for byte strings", () => {
    // Test vectors from the FNV reference (isthe.com/chongo/src/fnv/test_fnv.c): "a" and "foobar".
    expect(new Fnv1a64().updateBytes(Uint8Array.of(0x61)).hex()).toBe("af63dc4c8601ec8c");
    expect(new Fnv1a64().updateBytes(new TextEncoder().encode("foobar")).hex()).toBe("85944171f73967e8");
  });

  it("hashes every byte value as update does the text of one code unit per byte, in any split", () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37) & 0xff);
    const expected = new Fnv1a64().update(String.fromCharCode(...bytes)).hex();
    expect(new Fnv1a64().updateBytes(bytes).hex()).toBe(expected);
    expect(new Fnv1a64().updateBytes(bytes.subarray(0, 333)).updateBytes(bytes.subarray(333)).hex()).toBe(expected);
  });
});
