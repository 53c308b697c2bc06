/** runtime/wire/websocket.ts and utf8.ts: RFC 6455's examples, node:crypto and the platform's own UTF-8 decoder. */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { acceptDigest, applyMask, emitFrame, frameHeaderLength, isValidCloseCode, OPCODE, parseFrameHeader } from "#runtime/wire/websocket.ts";
import { utf8Check, Utf8Validator } from "#runtime/wire/utf8.ts";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const ascii = (text: string) => new TextEncoder().encode(text);

describe("websocket wire", () => {
  it("computes RFC 6455 §1.3's Sec-WebSocket-Accept for dGhlIHNhbXBsZSBub25jZQ==", () => {
    expect(Buffer.from(acceptDigest("dGhlIHNhbXBsZSBub25jZQ==")).toString("base64")).toBe("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    const key = "x3JJHMbDL1EzLkh9GBhXDw==";
    expect(hex(acceptDigest(key))).toBe(createHash("sha1").update(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").digest("hex"));
  });

  it("emits RFC 6455 §5.7's unmasked and masked \"Hello\"", () => {
    expect(hex(emitFrame({ fin: true, rsv: 0, opcode: OPCODE.TEXT, mask: null }, ascii("Hello")))).toBe("810548656c6c6f");
    const mask = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);
    expect(hex(emitFrame({ fin: true, rsv: 0, opcode: OPCODE.TEXT, mask }, ascii("Hello")))).toBe("818537fa213d7f9f4d5158");
    // §5.7: a fragmented unmasked text message, then 256 bytes and 64 KiB of binary.
    expect(hex(emitFrame({ fin: false, rsv: 0, opcode: OPCODE.TEXT, mask: null }, ascii("Hel")))).toBe("010348656c");
    expect(hex(emitFrame({ fin: true, rsv: 0, opcode: OPCODE.BINARY, mask: null }, new Uint8Array(256)).subarray(0, 4))).toBe("827e0100");
    expect(hex(emitFrame({ fin: true, rsv: 0, opcode: OPCODE.BINARY, mask: null }, new Uint8Array(65536)).subarray(0, 10))).toBe("827f0000000000010000");
  });

  it("uses the minimal length encoding at each boundary and parses it back", () => {
    for (const length of [0, 125, 126, 127, 65535, 65536]) {
      const frame = emitFrame({ fin: true, rsv: 0, opcode: OPCODE.BINARY, mask: Uint8Array.of(1, 2, 3, 4) }, new Uint8Array(length).fill(7));
      expect(frame.length).toBe(frameHeaderLength(length, true) + length);
      const parsed = parseFrameHeader(frame)!;
      expect([parsed.payloadLength, parsed.lengthEncoding, parsed.headerLength]).toEqual([length, "minimal", frameHeaderLength(length, true)]);
      expect([...applyMask(frame.slice(parsed.headerLength), parsed.repr.mask!)].every((b) => b === 7)).toBe(true);
      expect(parseFrameHeader(frame.subarray(0, parsed.headerLength - 1))).toBeNull();
    }
    expect(parseFrameHeader(Uint8Array.of(0x82, 0x7e, 0x00, 0x7d))!.lengthEncoding).toBe("not-minimal");
    expect(parseFrameHeader(Uint8Array.of(0x82, 0x7f, 0, 0, 0, 0, 0, 0, 0xff, 0xff))!.lengthEncoding).toBe("not-minimal");
    expect(parseFrameHeader(Uint8Array.of(0x82, 0x7f, 0x80, 0, 0, 0, 0, 0, 0, 1))!.lengthEncoding).toBe("top-bit-set");
    expect(parseFrameHeader(Uint8Array.of(0x82, 0x7f, 0x00, 0x20, 0, 0, 0, 0, 0, 1))!.payloadLength).toBe(Number.POSITIVE_INFINITY);
  });

  it("accepts the close codes of §7.4 and the IANA registry, and no others", () => {
    const valid = [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999];
    const invalid = [0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535];
    expect(valid.filter((c) => !isValidCloseCode(c))).toEqual([]);
    expect(invalid.filter((c) => isValidCloseCode(c))).toEqual([]);
  });
});

describe("utf8", () => {
  it("agrees with TextDecoder (fatal) on every 1- and 2-byte input and on random 3-4 byte inputs", () => {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    const valid = (bytes: Uint8Array) => {
      try {
        decoder.decode(bytes);
        return true;
      } catch {
        return false;
      }
    };
    const agree = (bytes: Uint8Array) => expect(utf8Check(bytes).complete, hex(bytes)).toBe(valid(bytes));
    for (let a = 0; a < 256; a++) for (let b = 0; b < 256; b++) agree(Uint8Array.of(a, b));
    let x = 12345;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
    for (let i = 0; i < 20_000; i++) {
      const lead = [0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf1, 0xf5, 0xc2][i & 7]!;
      const bytes = Uint8Array.of(lead, 0x80 | (next() & 0x7f) | (next() & 0x40), next() | 0x80, next());
      agree(bytes);
      agree(bytes.subarray(0, 3));
    }
  });

  it("finds the first byte after which the text cannot be valid", () => {
    expect(utf8Check(Uint8Array.of(0x61, 0xed, 0xa0, 0x80))).toEqual({ invalidAt: 2, complete: false });
    expect(utf8Check(Uint8Array.of(0xf4, 0x90))).toEqual({ invalidAt: 1, complete: false });
    expect(utf8Check(Uint8Array.of(0xc0))).toEqual({ invalidAt: 0, complete: false });
    expect(utf8Check(Uint8Array.of(0xf0, 0x90, 0x80))).toEqual({ invalidAt: -1, complete: false });
    const v = new Utf8Validator();
    expect([v.push(0xff), v.push(0x61), v.complete]).toEqual([false, false, false]);
  });
});
