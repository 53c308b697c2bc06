import { describe, expect, it } from "vitest";
import { emitIcmp, ICMP_TYPE, isIcmpError, parseIcmp } from "#runtime/wire/icmp.ts";
import { wireError } from "./wire-error.ts";

const ABCD = Uint8Array.of(0x61, 0x62, 0x63, 0x64);

describe("emitIcmp", () => {
  it("computes the checksum of an echo request (id 1, seq 1, \"abcd\") as worked by hand", () => {
    // RFC 792: the one's complement sum of the message with the checksum zero, complemented.
    //   0800 (type 8, code 0) + 0000 + 0001 (id) + 0001 (seq) + 6162 + 6364 = ccc8; ~ccc8 = 3337
    const message = emitIcmp({ type: ICMP_TYPE.ECHO_REQUEST, code: 0, rest: 0x00010001 }, ABCD);
    expect(Array.from(message)).toEqual([0x08, 0x00, 0x33, 0x37, 0x00, 0x01, 0x00, 0x01, 0x61, 0x62, 0x63, 0x64]);
  });

  it("handles an odd-length body (padded with a zero byte for the sum only)", () => {
    // 0b00 + 6100 = 6c00; ~6c00 = 93ff
    const message = emitIcmp({ type: ICMP_TYPE.TIME_EXCEEDED, code: 0, rest: 0 }, Uint8Array.of(0x61));
    expect(Array.from(message)).toEqual([0x0b, 0x00, 0x93, 0xff, 0, 0, 0, 0, 0x61]);
  });

  it.each([
    ["type", { type: 256, code: 0, rest: 0 }],
    ["code", { type: 3, code: -1, rest: 0 }],
    ["rest", { type: 3, code: 0, rest: 2 ** 32 }],
  ])("rejects an out-of-range %s", (field, repr) => {
    expect(wireError(() => emitIcmp(repr, ABCD)).field).toBe(`icmp.${field}`);
  });
});

describe("parseIcmp", () => {
  it("round-trips what emitIcmp builds, from a view at a non-zero offset", () => {
    const message = emitIcmp({ type: ICMP_TYPE.DESTINATION_UNREACHABLE, code: 1, rest: 0 }, ABCD);
    const buffer = new Uint8Array(message.length + 3);
    buffer.set(message, 3);
    const parsed = parseIcmp(buffer.subarray(3));
    expect(parsed.repr).toEqual({ type: 3, code: 1, rest: 0 });
    expect(Array.from(parsed.body)).toEqual(Array.from(ABCD));
  });

  it("rejects a wrong checksum, saying what it should be", () => {
    const message = emitIcmp({ type: 8, code: 0, rest: 0x00010001 }, ABCD);
    message[9] ^= 1;
    const error = wireError(() => parseIcmp(message));
    expect(error.field).toBe("icmp.checksum");
    expect(error.message).toContain("found 0x3337");
    expect(parseIcmp(message, { verifyChecksum: false }).repr.type).toBe(8);
  });

  it("rejects a message shorter than its 8-byte header", () => {
    expect(wireError(() => parseIcmp(new Uint8Array(7))).field).toBe("icmp.header");
  });
});

describe("isIcmpError", () => {
  it("names the error types of RFC 792 (RFC 1122 §3.2.2) and no query", () => {
    const errors = Array.from({ length: 256 }, (_, type) => type).filter(isIcmpError);
    expect(errors).toEqual([3, 4, 5, 11, 12]);
  });
});
