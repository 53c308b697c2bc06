import { describe, expect, it } from "vitest";
import { toBase64 } from "../../labs/kit/base64.ts";

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
