import { describe, it, expect } from "vitest";
import { internetChecksum } from "#runtime/wire/checksum.ts";
import {
  emitIpv4,
  IP_PROTOCOL,
  IPV4_HEADER_LENGTH,
  parseIpv4,
  verifyIpv4Checksum,
  type Ipv4Repr,
} from "#runtime/wire/ipv4.ts";
import { wireError } from "./wire-error.ts";

/** 192.168.0.1 -> 192.168.0.199, UDP, DF, TTL 64: a classic textbook header. */
const TEXTBOOK: Ipv4Repr = {
  src: 0xc0a80001,
  dst: 0xc0a800c7,
  protocol: IP_PROTOCOL.UDP,
  ttl: 64,
  identification: 0,
  dscp: 0,
  ecn: 0,
  dontFragment: true,
  moreFragments: false,
  fragmentOffset: 0,
};

// Its header checksum by hand: 4500 + 0073 + 0000 + 4000 + 4011 + c0a8 + 0001 + c0a8 + 00c7
// = 2479c, folded 479c + 2 = 479e, complemented b861.
const TEXTBOOK_HEADER = [
  0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00,
  0xc7,
];

function textbookPacket(): Uint8Array {
  return emitIpv4(TEXTBOOK, new Uint8Array(0x73 - 20).fill(0x5a));
}

/** Rewrites the header checksum after a test edits header bytes. */
function fixChecksum(packet: Uint8Array): Uint8Array {
  const headerLength = (packet[0] & 0x0f) * 4;
  packet[10] = 0;
  packet[11] = 0;
  const checksum = internetChecksum(packet.subarray(0, headerLength));
  packet[10] = checksum >>> 8;
  packet[11] = checksum & 0xff;
  return packet;
}


describe("emitIpv4", () => {
  it("lays out the header of RFC 791 §3.1 byte for byte", () => {
    const packet = textbookPacket();
    expect(Array.from(packet.subarray(0, IPV4_HEADER_LENGTH))).toEqual(TEXTBOOK_HEADER);
    expect(packet.length).toBe(0x73);
    expect(packet[IPV4_HEADER_LENGTH]).toBe(0x5a);
  });

  it("packs DSCP/ECN, MF and the fragment offset in 8-byte units", () => {
    const packet = emitIpv4(
      { ...TEXTBOOK, dscp: 46, ecn: 3, dontFragment: false, moreFragments: true, fragmentOffset: 1480, identification: 0xbeef },
      new Uint8Array(8),
    );
    expect(packet[1]).toBe((46 << 2) | 3);
    expect([packet[4], packet[5]]).toEqual([0xbe, 0xef]);
    // MF (0x2000) | 1480 / 8 = 185 (0x00b9).
    expect([packet[6], packet[7]]).toEqual([0x20, 0xb9]);
  });

  it.each([
    ["ttl", { ttl: 256 }, "ipv4.ttl must be an integer from 0 to 255, got 256"],
    ["protocol", { protocol: -1 }, "ipv4.protocol must be an integer from 0 to 255, got -1"],
    ["identification", { identification: 65536 }, "ipv4.identification must be an integer from 0 to 65535"],
    ["dscp", { dscp: 64 }, "ipv4.dscp must be an integer from 0 to 63"],
    ["ecn", { ecn: 4 }, "ipv4.ecn must be an integer from 0 to 3"],
    ["src", { src: 0xc0a80001 | 0 }, "ipv4.src must be an integer from 0 to 4294967295"],
    ["dst", { dst: 2 ** 32 }, "ipv4.dst must be an integer from 0 to 4294967295"],
    ["fragmentOffset", { fragmentOffset: 12 }, "ipv4.fragmentOffset must be a multiple of 8 bytes, got 12"],
    ["fragmentOffset", { fragmentOffset: 8192 * 8 }, "ipv4.fragmentOffset must be an integer from 0 to 65528"],
  ])("rejects an out-of-range %s", (field, change, message) => {
    const error = wireError(() => emitIpv4({ ...TEXTBOOK, ...change }, new Uint8Array(0)));
    expect(error.field).toBe(`ipv4.${field}`);
    expect(error.message).toContain(message);
  });

  it("rejects a payload that would make the total length exceed 65535", () => {
    expect(() => emitIpv4(TEXTBOOK, new Uint8Array(65516))).toThrow("IPv4 total length 65536 exceeds 65535");
    expect(emitIpv4(TEXTBOOK, new Uint8Array(65515)).length).toBe(65535);
  });
});

describe("parseIpv4", () => {
  it("round-trips every field", () => {
    const reprs: Ipv4Repr[] = [
      TEXTBOOK,
      { ...TEXTBOOK, src: 0xffffffff, dst: 0, protocol: IP_PROTOCOL.TCP, ttl: 0, identification: 65535 },
      { ...TEXTBOOK, dscp: 63, ecn: 2, dontFragment: false, moreFragments: true, fragmentOffset: 8191 * 8 },
    ];
    const payload = Uint8Array.of(1, 2, 3, 4, 5);
    for (const repr of reprs) {
      const parsed = parseIpv4(emitIpv4(repr, payload));
      expect(parsed.repr).toEqual(repr);
      expect(Array.from(parsed.payload)).toEqual([1, 2, 3, 4, 5]);
      expect(parsed.headerLength).toBe(IPV4_HEADER_LENGTH);
    }
  });

  it("reads a packet that starts partway into a larger buffer", () => {
    const packet = textbookPacket();
    const buffer = new Uint8Array(packet.length + 7);
    buffer.set(packet, 3);
    const parsed = parseIpv4(buffer.subarray(3, 3 + packet.length));
    expect(parsed.repr).toEqual(TEXTBOOK);
    expect(parsed.payload.length).toBe(packet.length - 20);
  });

  it("returns the payload as a view, not a copy", () => {
    const packet = textbookPacket();
    const { payload } = parseIpv4(packet);
    expect(payload.buffer).toBe(packet.buffer);
    expect(payload.byteOffset).toBe(IPV4_HEADER_LENGTH);
  });

  it("skips options (IHL > 5)", () => {
    // One 4-byte Router Alert option (RFC 2113 §2.1: 94 04 00 00).
    const header = Uint8Array.of(...TEXTBOOK_HEADER, 0x94, 0x04, 0x00, 0x00);
    header[0] = 0x46;
    header[3] = 24 + 3;
    const packet = fixChecksum(Uint8Array.of(...header, 7, 8, 9));
    const parsed = parseIpv4(packet);
    expect(parsed.headerLength).toBe(24);
    expect(Array.from(parsed.payload)).toEqual([7, 8, 9]);
    expect(parsed.repr).toEqual(TEXTBOOK);
  });

  it("ignores bytes past the total length (link-layer padding)", () => {
    const packet = emitIpv4(TEXTBOOK, Uint8Array.of(1, 2));
    const padded = Uint8Array.of(...packet, 0, 0, 0, 0);
    expect(Array.from(parseIpv4(padded).payload)).toEqual([1, 2]);
  });

  it("rejects a buffer shorter than 20 bytes", () => {
    const error = wireError(() => parseIpv4(textbookPacket().subarray(0, 19)));
    expect(error.field).toBe("ipv4.header");
    expect(error.offset).toBe(19);
    expect(error.message).toBe("IPv4 packet truncated: 19 bytes is shorter than the 20-byte minimum header at byte 19");
  });

  it("rejects a version other than 4", () => {
    const packet = textbookPacket();
    packet[0] = 0x65;
    const error = wireError(() => parseIpv4(packet));
    expect(error.field).toBe("ipv4.version");
    expect(error.message).toBe("IPv4 version field is 6, expected 4 at byte 0");
  });

  it("rejects an IHL below 5", () => {
    const packet = textbookPacket();
    packet[0] = 0x44;
    const error = wireError(() => parseIpv4(packet));
    expect(error.field).toBe("ipv4.ihl");
    expect(error.offset).toBe(0);
    expect(error.message).toContain("IPv4 header length (IHL) is 4 words, below the minimum of 5 words");
  });

  it("rejects an IHL longer than the buffer", () => {
    const packet = textbookPacket().subarray(0, 40);
    packet[0] = 0x4f; // 60 bytes of header claimed, 40 received
    const error = wireError(() => parseIpv4(packet));
    expect(error.field).toBe("ipv4.ihl");
    expect(error.message).toBe(
      "IPv4 header length (IHL) is 15 words (60 bytes) but only 40 bytes were received at byte 0",
    );
  });

  it("rejects a total length smaller than the header", () => {
    const packet = textbookPacket();
    packet[2] = 0;
    packet[3] = 19;
    const error = wireError(() => parseIpv4(packet));
    expect(error.field).toBe("ipv4.totalLength");
    expect(error.message).toBe("IPv4 total length 19 is smaller than the header length 20 at byte 2");
  });

  it("rejects a total length beyond the buffer", () => {
    const packet = textbookPacket().subarray(0, 100);
    const error = wireError(() => parseIpv4(packet));
    expect(error.field).toBe("ipv4.totalLength");
    expect(error.offset).toBe(2);
    expect(error.message).toBe("IPv4 total length 115 exceeds the 100 bytes received at byte 2");
  });

  it("rejects a bad checksum, saying what it expected and where", () => {
    const packet = textbookPacket();
    packet[10] = 0xab;
    packet[11] = 0xcd;
    const error = wireError(() => parseIpv4(packet));
    expect(error.field).toBe("ipv4.checksum");
    expect(error.offset).toBe(10);
    expect(error.message).toBe("IPv4 header checksum mismatch (expected 0xb861, found 0xabcd) at byte 10");
  });

  it("reports the right expected checksum when another header byte is corrupted", () => {
    const packet = textbookPacket();
    // TTL decremented without updating the checksum (RFC 1624 shows routers how to).
    // Word 4011 becomes 3f11, so the sum drops by 0100: 479e - 0100 = 469e, complement b961.
    packet[8] = 63;
    expect(() => parseIpv4(packet)).toThrow("IPv4 header checksum mismatch (expected 0xb961, found 0xb861) at byte 10");
  });

  it("skips checksum verification when asked", () => {
    const packet = textbookPacket();
    packet[11] ^= 0xff;
    expect(parseIpv4(packet, { verifyChecksum: false }).repr).toEqual(TEXTBOOK);
  });

  it("checks version and lengths even without checksum verification", () => {
    const packet = textbookPacket();
    packet[0] = 0x55;
    expect(() => parseIpv4(packet, { verifyChecksum: false })).toThrow("IPv4 version field is 5");
  });
});

describe("verifyIpv4Checksum", () => {
  it("accepts an emitted packet", () => {
    expect(verifyIpv4Checksum(textbookPacket())).toBe(true);
  });

  it("rejects a corrupted header", () => {
    const packet = textbookPacket();
    packet[15] ^= 1;
    expect(verifyIpv4Checksum(packet)).toBe(false);
  });

  it("ignores the payload", () => {
    const packet = textbookPacket();
    packet[50] ^= 0xff;
    expect(verifyIpv4Checksum(packet)).toBe(true);
  });

  it("is false when the buffer cannot hold the header", () => {
    expect(verifyIpv4Checksum(textbookPacket().subarray(0, 19))).toBe(false);
    const packet = textbookPacket().subarray(0, 30);
    packet[0] = 0x4f;
    expect(verifyIpv4Checksum(packet)).toBe(false);
    packet[0] = 0x44;
    expect(verifyIpv4Checksum(packet)).toBe(false);
  });
});
