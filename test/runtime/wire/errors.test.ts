import { describe, it, expect } from "vitest";
import { checkField, hex, WireError } from "#runtime/wire/errors.ts";

describe("WireError", () => {
  it("names the field and appends the byte offset to the message", () => {
    const error = new WireError("ipv4.checksum", "IPv4 header checksum mismatch (expected 0x1234, found 0xabcd)", 10);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("WireError");
    expect(error.field).toBe("ipv4.checksum");
    expect(error.offset).toBe(10);
    expect(error.message).toBe("IPv4 header checksum mismatch (expected 0x1234, found 0xabcd) at byte 10");
  });

  it("leaves the message alone without an offset", () => {
    const error = new WireError("udp.length", "UDP length 70000 exceeds 65535");
    expect(error.offset).toBeUndefined();
    expect(error.message).toBe("UDP length 70000 exceeds 65535");
  });
});

describe("hex", () => {
  it("pads to the requested number of digits", () => {
    expect(hex(0xab, 4)).toBe("0x00ab");
    expect(hex(0, 2)).toBe("0x00");
    expect(hex(0x12345, 4)).toBe("0x12345");
  });
});

describe("checkField", () => {
  it("accepts integers in range", () => {
    expect(() => checkField("ipv4.ttl", 0, 255)).not.toThrow();
    expect(() => checkField("ipv4.ttl", 255, 255)).not.toThrow();
  });

  it.each([256, -1, 1.5, Number.NaN])("rejects %s", (value) => {
    expect(() => checkField("ipv4.ttl", value, 255)).toThrow(
      new WireError("ipv4.ttl", `ipv4.ttl must be an integer from 0 to 255, got ${value}`),
    );
  });
});
