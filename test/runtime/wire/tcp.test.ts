import { describe, it, expect } from "vitest";
import { internetChecksum, pseudoHeaderSum } from "#runtime/wire/checksum.ts";
import {
  emitTcp,
  formatTcpFlags,
  parseTcp,
  TCP_HEADER_LENGTH,
  tcpFlags,
  type TcpOption,
  type TcpRepr,
} from "#runtime/wire/tcp.ts";
import { wireError } from "./wire-error.ts";

const A = 0x0a000001; // 10.0.0.1
const B = 0x0a000002; // 10.0.0.2

const SYN: TcpRepr = {
  srcPort: 40000,
  dstPort: 80,
  seq: 0x01020304,
  ack: 0,
  flags: tcpFlags({ syn: true }),
  window: 64240,
  urgentPointer: 0,
  options: [],
};

const ALL_OPTIONS: TcpOption[] = [
  { kind: "mss", value: 1460 },
  { kind: "window-scale", shift: 7 },
  { kind: "sack-permitted" },
  { kind: "sack", blocks: [[1000, 2000]] },
  { kind: "timestamps", value: 0x01020304, echo: 0xfffffffe },
  { kind: "unknown", type: 254, data: Uint8Array.of(0xf9, 0x89) }, // RFC 6994 experimental, ExID f989
];


/** A segment built by hand from header bytes, with a correct checksum. */
function handmade(header: number[], payload: number[] = []): Uint8Array {
  const segment = Uint8Array.of(...header, ...payload);
  segment[16] = 0;
  segment[17] = 0;
  const checksum = internetChecksum(segment, pseudoHeaderSum(A, B, 6, segment.length));
  segment[16] = checksum >>> 8;
  segment[17] = checksum & 0xff;
  return segment;
}

/** The fixed 20-byte header of SYN with the given data offset (in words). */
function fixedHeader(dataOffset: number): number[] {
  return [0x9c, 0x40, 0x00, 0x50, 1, 2, 3, 4, 0, 0, 0, 0, dataOffset << 4, 0x02, 0xfa, 0xf0, 0, 0, 0, 0];
}

describe("tcpFlags / formatTcpFlags", () => {
  it("builds flags with the rest clear", () => {
    expect(tcpFlags({ syn: true, ack: true })).toEqual({
      fin: false,
      syn: true,
      rst: false,
      psh: false,
      ack: true,
      urg: false,
      ece: false,
      cwr: false,
    });
  });

  it.each([
    [{ syn: true, ack: true }, "SYN,ACK"],
    [{ fin: true, psh: true, ack: true }, "FIN,PSH,ACK"],
    [{ rst: true }, "RST"],
    [{ fin: true, syn: true, rst: true, psh: true, ack: true, urg: true, ece: true, cwr: true }, "FIN,SYN,RST,PSH,ACK,URG,ECE,CWR"],
    [{}, "none"],
  ])("formats %j as %s", (set, text) => {
    expect(formatTcpFlags(tcpFlags(set))).toBe(text);
  });
});

describe("emitTcp", () => {
  it("lays out the fixed header of RFC 9293 §3.1", () => {
    const segment = emitTcp({ ...SYN, ack: 0xa0b0c0d0, urgentPointer: 0x1234, flags: tcpFlags({ ack: true, urg: true }) }, Uint8Array.of(0xaa), A, B);
    expect(segment.length).toBe(21);
    expect(Array.from(segment.subarray(0, 16))).toEqual([
      0x9c, 0x40, 0x00, 0x50, // ports 40000 -> 80
      0x01, 0x02, 0x03, 0x04, // seq
      0xa0, 0xb0, 0xc0, 0xd0, // ack
      0x50, 0x30, // data offset 5, flags URG|ACK
      0xfa, 0xf0, // window 64240
    ]);
    expect(Array.from(segment.subarray(18))).toEqual([0x12, 0x34, 0xaa]);
  });

  it("encodes every option kind and pads with EOL to a multiple of 4", () => {
    const segment = emitTcp({ ...SYN, options: ALL_OPTIONS }, new Uint8Array(0), A, B);
    // 4 + 3 + 2 + 10 + 10 + 4 = 33 option bytes, padded to 36: a 56-byte header, data offset 14.
    expect(segment.length).toBe(56);
    expect(segment[12]).toBe(14 << 4);
    expect(Array.from(segment.subarray(TCP_HEADER_LENGTH))).toEqual([
      0x02, 0x04, 0x05, 0xb4, // MSS 1460 (RFC 9293 §3.2)
      0x03, 0x03, 0x07, // window scale 7 (RFC 7323 §2.2)
      0x04, 0x02, // SACK permitted (RFC 2018 §2)
      0x05, 0x0a, 0x00, 0x00, 0x03, 0xe8, 0x00, 0x00, 0x07, 0xd0, // SACK [1000, 2000) (RFC 2018 §3)
      0x08, 0x0a, 0x01, 0x02, 0x03, 0x04, 0xff, 0xff, 0xff, 0xfe, // timestamps (RFC 7323 §3.2)
      0xfe, 0x04, 0xf9, 0x89, // kind 254 with 2 data bytes
      0x00, 0x00, 0x00, // EOL padding
    ]);
  });

  it("takes seq, ack, SACK edges and timestamps modulo 2^32", () => {
    const segment = emitTcp(
      {
        ...SYN,
        seq: 2 ** 32 + 5,
        ack: -1,
        options: [
          { kind: "sack", blocks: [[2 ** 32 - 10, 2 ** 32 + 10]] },
          { kind: "timestamps", value: 2 ** 32, echo: 2 ** 32 + 1 },
        ],
      },
      new Uint8Array(0),
      A,
      B,
    );
    const { repr } = parseTcp(segment, A, B);
    expect(repr.seq).toBe(5);
    expect(repr.ack).toBe(0xffffffff);
    expect(repr.options).toEqual([
      { kind: "sack", blocks: [[0xfffffff6, 10]] },
      { kind: "timestamps", value: 0, echo: 1 },
    ]);
  });

  it.each([
    ["tcp.srcPort", { srcPort: 65536 }],
    ["tcp.dstPort", { dstPort: 1.5 }],
    ["tcp.window", { window: 65536 }],
    ["tcp.urgentPointer", { urgentPointer: -1 }],
    ["tcp.options.mss", { options: [{ kind: "mss", value: 70000 }] }],
    ["tcp.options.window-scale", { options: [{ kind: "window-scale", shift: 256 }] }],
    ["tcp.options.sack", { options: [{ kind: "sack", blocks: [] }] }],
    ["tcp.options.sack", { options: [{ kind: "sack", blocks: [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]] }] }],
    ["tcp.options.unknown.type", { options: [{ kind: "unknown", type: 1, data: new Uint8Array(0) }] }],
    ["tcp.options.unknown.type", { options: [{ kind: "unknown", type: 300, data: new Uint8Array(0) }] }],
    ["tcp.options.unknown.data.length", { options: [{ kind: "unknown", type: 99, data: new Uint8Array(39) }] }],
    [
      "tcp.options",
      {
        options: [
          { kind: "sack", blocks: [[1, 2], [3, 4], [5, 6], [7, 8]] },
          { kind: "timestamps", value: 1, echo: 2 },
        ],
      },
    ],
  ] as [string, Partial<TcpRepr>][])("rejects a bad %s", (field, change) => {
    expect(wireError(() => emitTcp({ ...SYN, ...change }, new Uint8Array(0), A, B)).field).toBe(field);
  });

  it("explains why options do not fit", () => {
    const options: TcpOption[] = [
      { kind: "sack", blocks: [[1, 2], [3, 4], [5, 6], [7, 8]] },
      { kind: "timestamps", value: 1, echo: 2 },
    ];
    expect(() => emitTcp({ ...SYN, options }, new Uint8Array(0), A, B)).toThrow(
      "TCP options take 44 bytes, more than the 40 that fit in a header",
    );
  });

  it("rejects a segment longer than 65535 bytes", () => {
    expect(() => emitTcp(SYN, new Uint8Array(65516), A, B)).toThrow("TCP segment length 65536 exceeds 65535");
  });
});

describe("parseTcp", () => {
  it("round-trips a header with every option kind", () => {
    const repr: TcpRepr = {
      srcPort: 65535,
      dstPort: 0,
      seq: 0xffffffff,
      ack: 0x80000000,
      flags: tcpFlags({ fin: true, syn: true, rst: true, psh: true, ack: true, urg: true, ece: true, cwr: true }),
      window: 65535,
      urgentPointer: 7,
      options: ALL_OPTIONS,
    };
    const parsed = parseTcp(emitTcp(repr, Uint8Array.of(1, 2, 3), A, B), A, B);
    expect(parsed.repr).toEqual(repr);
    expect(Array.from(parsed.payload)).toEqual([1, 2, 3]);
  });

  it("round-trips each flag on its own", () => {
    for (const name of ["fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr"] as const) {
      const flags = tcpFlags({ [name]: true });
      expect(parseTcp(emitTcp({ ...SYN, flags }, new Uint8Array(0), A, B), A, B).repr.flags).toEqual(flags);
    }
  });

  it("round-trips SACK with four blocks", () => {
    const options: TcpOption[] = [{ kind: "sack", blocks: [[1, 2], [3, 4], [5, 6], [7, 8]] }];
    expect(parseTcp(emitTcp({ ...SYN, options }, new Uint8Array(0), A, B), A, B).repr.options).toEqual(options);
  });

  it("skips NOPs and stops at EOL", () => {
    // NOP NOP timestamps, then EOL followed by bytes that must not be read as options.
    const options = [1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0xff, 0xff, 0xff];
    const parsed = parseTcp(handmade([...fixedHeader(9), ...options], [0x42]), A, B);
    expect(parsed.repr.options).toEqual([{ kind: "timestamps", value: 1, echo: 2 }]);
    expect(Array.from(parsed.payload)).toEqual([0x42]);
  });

  it("reads a segment that starts partway into a larger buffer", () => {
    const segment = emitTcp({ ...SYN, options: ALL_OPTIONS }, Uint8Array.of(5), A, B);
    const buffer = Uint8Array.of(0xee, ...segment);
    expect(parseTcp(buffer.subarray(1), A, B).repr.options).toEqual(ALL_OPTIONS);
  });

  it("rejects a segment shorter than 20 bytes", () => {
    const error = wireError(() => parseTcp(new Uint8Array(19), A, B));
    expect(error.field).toBe("tcp.header");
    expect(error.message).toBe("TCP segment truncated: 19 bytes is shorter than the 20-byte minimum header at byte 19");
  });

  it("rejects a data offset below 5", () => {
    const error = wireError(() => parseTcp(handmade(fixedHeader(4)), A, B));
    expect(error.field).toBe("tcp.dataOffset");
    expect(error.offset).toBe(12);
    expect(error.message).toContain("TCP data offset is 4 words, below the minimum of 5 words (20 bytes)");
  });

  it("rejects a data offset beyond the segment", () => {
    const error = wireError(() => parseTcp(handmade(fixedHeader(6)), A, B));
    expect(error.field).toBe("tcp.dataOffset");
    expect(error.message).toBe("TCP data offset is 6 words (24 bytes) but the segment is only 20 bytes at byte 12");
  });

  it("rejects a bad checksum, saying what it expected", () => {
    const segment = emitTcp(SYN, new Uint8Array(0), A, B);
    const good = (segment[16] << 8) | segment[17];
    segment[16] ^= 0x80;
    const error = wireError(() => parseTcp(segment, A, B));
    expect(error.field).toBe("tcp.checksum");
    expect(error.offset).toBe(16);
    const hex = (n: number) => `0x${n.toString(16).padStart(4, "0")}`;
    expect(error.message).toBe(`TCP checksum mismatch (expected ${hex(good)}, found ${hex(good ^ 0x8000)}) at byte 16`);
  });

  it("fails the checksum when the pseudo-header addresses differ", () => {
    const segment = emitTcp(SYN, new Uint8Array(0), A, B);
    expect(() => parseTcp(segment, B, A + 2)).toThrow("TCP checksum mismatch");
  });

  it("skips verification when asked", () => {
    const segment = emitTcp(SYN, Uint8Array.of(1), A, B);
    segment[20] = 2;
    expect(Array.from(parseTcp(segment, A, B, { verifyChecksum: false }).payload)).toEqual([2]);
  });

  it.each([
    ["a missing length byte", [1, 1, 1, 2], "tcp.options", "TCP option kind 2 has no length byte before the header ends at byte 23"],
    ["a length below 2", [2, 1, 0, 0], "tcp.options", "TCP option kind 2 has length 1, which is below the minimum of 2 at byte 21"],
    ["a length past the header", [1, 3, 4, 7], "tcp.options", "TCP option kind 3 has length 4, which runs past the end of the 24-byte header at byte 22"],
    ["a bad MSS length", [2, 3, 5, 0], "tcp.options.mss", "TCP mss option length is 3, expected 4 (RFC 9293 §3.2) at byte 21"],
    ["a bad window scale length", [3, 4, 7, 0], "tcp.options.window-scale", "TCP window-scale option length is 4, expected 3 (RFC 7323 §2.2) at byte 21"],
    ["a bad SACK-permitted length", [4, 3, 0, 0], "tcp.options.sack-permitted", "TCP sack-permitted option length is 3, expected 2 (RFC 2018 §2) at byte 21"],
  ])("rejects an option with %s", (_, options, field, message) => {
    const error = wireError(() => parseTcp(handmade([...fixedHeader(6), ...options]), A, B));
    expect(error.field).toBe(field);
    expect(error.message).toBe(message);
  });

  it("rejects a SACK option that is not 2 + 8n bytes", () => {
    const options = [5, 6, 0, 0, 0, 1, 0, 0];
    const error = wireError(() => parseTcp(handmade([...fixedHeader(7), ...options]), A, B));
    expect(error.field).toBe("tcp.options.sack");
    expect(error.message).toBe("TCP SACK option length is 6, expected 2 + 8 per block (10, 18, 26 or 34) (RFC 2018 §3) at byte 21");
  });

  it("rejects a bad timestamps length", () => {
    const options = [8, 8, 0, 0, 0, 1, 0, 0];
    const error = wireError(() => parseTcp(handmade([...fixedHeader(7), ...options]), A, B));
    expect(error.field).toBe("tcp.options.timestamps");
    expect(error.offset).toBe(21);
  });

  it("keeps unknown options with their data", () => {
    const options = [30, 4, 0xab, 0xcd];
    const { repr } = parseTcp(handmade([...fixedHeader(6), ...options]), A, B);
    expect(repr.options).toEqual([{ kind: "unknown", type: 30, data: Uint8Array.of(0xab, 0xcd) }]);
  });
});
