import { describe, it, expect } from "vitest";
import { emitUdp, parseUdp, UDP_HEADER_LENGTH } from "#runtime/wire/udp.ts";
import { wireError } from "./wire-error.ts";

const A = 0x0a000001; // 10.0.0.1
const B = 0x0a000002; // 10.0.0.2
const HI = Uint8Array.of(0x68, 0x69); // "hi"


describe("emitUdp", () => {
  it('computes the checksum of 10.0.0.1:1234 -> 10.0.0.2:5678 "hi" as worked by hand', () => {
    // RFC 768: sum the pseudo-header, the header (checksum 0) and the data as 16-bit words.
    //   pseudo-header: 0a00 0001 (src) + 0a00 0002 (dst) + 0011 (zero, protocol 17) + 000a (length 10)
    //                = 0a00 + 0001 + 0a00 + 0002 + 0011 + 000a = 141e
    //   header:        04d2 (1234) + 162e (5678) + 000a (length) + 0000 (checksum) = 1b0a
    //   data:          6869 ("hi")
    //   total:         141e + 1b0a + 6869 = 9791 (no carry to fold)
    //   checksum:      ~9791 = 686e
    const datagram = emitUdp({ srcPort: 1234, dstPort: 5678 }, HI, A, B);
    expect(Array.from(datagram)).toEqual([0x04, 0xd2, 0x16, 0x2e, 0x00, 0x0a, 0x68, 0x6e, 0x68, 0x69]);
  });

  it("sends a computed checksum of 0 as ffff (RFC 768)", () => {
    // Same packet as above without data sums to 2f28; data d0d7 brings the sum to ffff,
    // whose complement is 0, which would mean "no checksum".
    const datagram = emitUdp({ srcPort: 1234, dstPort: 5678 }, Uint8Array.of(0xd0, 0xd7), A, B);
    expect([datagram[6], datagram[7]]).toEqual([0xff, 0xff]);
    expect(parseUdp(datagram, A, B).checksumPresent).toBe(true);
  });

  it("sends 0 with checksum: false (no checksum)", () => {
    const datagram = emitUdp({ srcPort: 1234, dstPort: 5678 }, HI, A, B, { checksum: false });
    expect([datagram[6], datagram[7]]).toEqual([0, 0]);
  });

  it.each([
    ["srcPort", { srcPort: 65536, dstPort: 1 }],
    ["dstPort", { srcPort: 1, dstPort: -1 }],
  ])("rejects an out-of-range %s", (field, repr) => {
    expect(wireError(() => emitUdp(repr, HI, A, B)).field).toBe(`udp.${field}`);
  });

  it("rejects a datagram longer than 65535 bytes", () => {
    expect(() => emitUdp({ srcPort: 1, dstPort: 2 }, new Uint8Array(65528), A, B)).toThrow(
      "UDP length 65536 exceeds 65535",
    );
  });
});

describe("parseUdp", () => {
  it("round-trips ports and payload", () => {
    for (const repr of [
      { srcPort: 0, dstPort: 65535 },
      { srcPort: 53, dstPort: 33000 },
    ]) {
      for (const payload of [new Uint8Array(0), HI, new Uint8Array(1001).fill(0xa5)]) {
        const parsed = parseUdp(emitUdp(repr, payload, A, B), A, B);
        expect(parsed.repr).toEqual(repr);
        expect(Array.from(parsed.payload)).toEqual(Array.from(payload));
        expect(parsed.checksumPresent).toBe(true);
      }
    }
  });

  it("does not verify a zero checksum and says so", () => {
    const datagram = emitUdp({ srcPort: 1, dstPort: 2 }, HI, A, B, { checksum: false });
    datagram[8] ^= 0xff; // corruption cannot be detected without a checksum
    const parsed = parseUdp(datagram, A, B);
    expect(parsed.checksumPresent).toBe(false);
    expect(parsed.payload[0]).toBe(0x68 ^ 0xff);
  });

  it("ignores bytes past the Length field", () => {
    const datagram = Uint8Array.of(...emitUdp({ srcPort: 1, dstPort: 2 }, HI, A, B), 0xee, 0xee);
    expect(Array.from(parseUdp(datagram, A, B).payload)).toEqual([0x68, 0x69]);
  });

  it("reads a datagram that starts partway into a larger buffer", () => {
    const buffer = Uint8Array.of(9, 9, 9, ...emitUdp({ srcPort: 7, dstPort: 8 }, HI, A, B));
    expect(parseUdp(buffer.subarray(3), A, B).repr).toEqual({ srcPort: 7, dstPort: 8 });
  });

  it("rejects a datagram shorter than the header", () => {
    const error = wireError(() => parseUdp(new Uint8Array(7), A, B));
    expect(error.field).toBe("udp.header");
    expect(error.message).toBe("UDP datagram truncated: 7 bytes is shorter than the 8-byte header at byte 7");
  });

  it("rejects a Length below 8", () => {
    const datagram = emitUdp({ srcPort: 1, dstPort: 2 }, HI, A, B);
    datagram[5] = 7;
    const error = wireError(() => parseUdp(datagram, A, B));
    expect(error.field).toBe("udp.length");
    expect(error.message).toBe("UDP length 7 is smaller than the 8-byte header at byte 4");
  });

  it("rejects a Length beyond the buffer", () => {
    const datagram = emitUdp({ srcPort: 1, dstPort: 2 }, HI, A, B);
    const error = wireError(() => parseUdp(datagram.subarray(0, 9), A, B));
    expect(error.field).toBe("udp.length");
    expect(error.offset).toBe(4);
    expect(error.message).toBe("UDP length 10 exceeds the 9 bytes received at byte 4");
  });

  it("rejects a bad checksum, saying what it expected", () => {
    const datagram = emitUdp({ srcPort: 1234, dstPort: 5678 }, HI, A, B);
    datagram[9] = 0x6a; // "hj": the data word goes up by 1, so the right checksum goes down by 1
    const error = wireError(() => parseUdp(datagram, A, B));
    expect(error.field).toBe("udp.checksum");
    expect(error.offset).toBe(6);
    expect(error.message).toBe("UDP checksum mismatch (expected 0x686d, found 0x686e) at byte 6");
  });

  it("expects ffff, not 0, when the right checksum computes to 0", () => {
    const datagram = emitUdp({ srcPort: 1234, dstPort: 5678 }, Uint8Array.of(0xd0, 0xd7), A, B);
    datagram[7] = 0xfe;
    expect(() => parseUdp(datagram, A, B)).toThrow("(expected 0xffff, found 0xfffe)");
  });

  it("fails the checksum when the pseudo-header addresses differ", () => {
    const datagram = emitUdp({ srcPort: 1, dstPort: 2 }, HI, A, B);
    expect(() => parseUdp(datagram, A, 0x0a000003)).toThrow("UDP checksum mismatch");
  });

  it("skips verification when asked", () => {
    const datagram = emitUdp({ srcPort: 1, dstPort: 2 }, HI, A, B);
    datagram[8] ^= 1;
    expect(parseUdp(datagram, A, B, { verifyChecksum: false }).checksumPresent).toBe(true);
  });

  it("has an 8-byte header", () => {
    expect(UDP_HEADER_LENGTH).toBe(8);
  });
});
