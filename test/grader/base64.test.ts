import { describe, expect, it } from "vitest";
import { fromBase64, toBase64 } from "#labs/kit/base64.ts";

describe("toBase64", () => {
  it("matches RFC 4648 §10", () => {
    const encode = (text: string) => toBase64(new TextEncoder().encode(text));
    expect(["", "f", "fo", "foo", "foob", "fooba", "foobar"].map(encode)).toEqual([
      "",
      "Zg==",
      "Zm8=",
      "Zm9v",
      "Zm9vYg==",
      "Zm9vYmE=",
      "Zm9vYmFy",
    ]);
  });
});

describe("fromBase64", () => {
  it("reverses RFC 4648 §10's vectors, with or without padding", () => {
    const decode = (text: string) => new TextDecoder().decode(fromBase64(text));
    expect(["", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy", "Zm9vYg"].map(decode)).toEqual([
      "",
      "f",
      "fo",
      "foo",
      "foob",
      "fooba",
      "foobar",
      "foob",
    ]);
  });

  it("round-trips every byte value", () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
  });

  it("rejects characters outside the alphabet", () => {
    expect(() => fromBase64("Zm9v!A")).toThrow(/character "!" at 4/);
    expect(() => fromBase64("Zm9vY")).toThrow(/cannot encode whole bytes/);
  });
});
