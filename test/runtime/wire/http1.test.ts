import { describe, expect, it } from "vitest";
import { fromLatin1, isBodylessStatus, isFieldValue, isFieldVchar, isTchar, isToken, latin1 } from "#runtime/wire/http1.ts";

describe("HTTP/1.1 syntax (RFC 9110 §5.5, §5.6.2)", () => {
  it("counts exactly the 77 tchars: 15 symbols, 10 digits, 52 letters", () => {
    const tchars = Array.from({ length: 256 }, (_, c) => c).filter(isTchar);
    expect(tchars.length).toBe(77);
    expect(String.fromCharCode(...tchars.filter((c) => !/[0-9A-Za-z]/.test(String.fromCharCode(c))))).toBe("!#$%&'*+-.^_`|~");
  });

  it("takes tokens of tchars only, never empty", () => {
    expect(isToken("Content-Length")).toBe(true);
    expect(isToken("X_a.b~1")).toBe(true);
    expect(isToken("")).toBe(false);
    expect(isToken("Host ")).toBe(false);
    expect(isToken("a:b")).toBe(false);
    expect(isToken("caf\xe9")).toBe(false);
  });

  it("takes field values of VCHAR and obs-text with SP/HTAB inside only", () => {
    expect([0x20, 0x21, 0x7e, 0x7f, 0x80, 0xff, 0x09].map(isFieldVchar)).toEqual([false, true, true, false, true, true, false]);
    expect(isFieldValue("")).toBe(true);
    expect(isFieldValue("a b\tc")).toBe(true);
    expect(isFieldValue("caf\xe9")).toBe(true);
    expect(isFieldValue(" a")).toBe(false);
    expect(isFieldValue("a\t")).toBe(false);
    expect(isFieldValue("a\x00b")).toBe(false);
    expect(isFieldValue("a\r\nb")).toBe(false);
    expect(isFieldValue("a\x7fb")).toBe(false);
  });

  it("knows the bodyless statuses of RFC 9112 §6.3 rule 1", () => {
    expect([100, 101, 199, 200, 204, 205, 304, 305].map(isBodylessStatus)).toEqual([true, true, true, false, true, false, true, false]);
  });

  it("maps octets to Latin-1 text and back, refusing characters above U+00FF", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromLatin1(latin1(all))).toEqual(all);
    expect(() => fromLatin1("\u20ac")).toThrow(RangeError);
  });
});
