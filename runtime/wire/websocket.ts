/**
 * The WebSocket frame (RFC 6455 §5.2) and the constants of the protocol:
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-------+-+-------------+-------------------------------+
 * |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 * |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 * |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 * | |1|2|3|       |K|             |                               |
 * +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 * |     Extended payload length continued, if payload len == 127  |
 * + - - - - - - - - - - - - - - - +-------------------------------+
 * |                               |Masking-key, if MASK set to 1  |
 * +-------------------------------+-------------------------------+
 * | Masking-key (continued)       |          Payload Data         |
 * +-------------------------------- - - - - - - - - - - - - - - - +
 * ```
 *
 * A 7-bit length of 126 means a 16-bit length follows, 127 a 64-bit one
 * whose most significant bit is 0; "the minimal number of bytes MUST be used
 * to encode the length" (§5.2). Masking (§5.3) XORs payload byte i with
 * byte i mod 4 of the key.
 */
import { sha1 } from "../crypto/sha1.ts";
import { WireError } from "./errors.ts";

/** The GUID the server appends to Sec-WebSocket-Key before hashing (§1.3, §4.2.2). */
export const WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/** SHA-1 of key + GUID (§4.2.2 item 5.4): base64 of these 20 bytes is Sec-WebSocket-Accept. */
export function acceptDigest(key: string): Uint8Array {
  // The key is base64 and the GUID is ASCII, so each character is one byte
  // (and the runtime has no TextEncoder: it runs without DOM or Node types).
  return sha1(Uint8Array.from(key + WEBSOCKET_GUID, (char) => char.charCodeAt(0) & 0xff));
}

/** Opcodes (§5.2, §11.8). 3-7 and 0xB-0xF are reserved. */
export const OPCODE = {
  CONTINUATION: 0x0,
  TEXT: 0x1,
  BINARY: 0x2,
  CLOSE: 0x8,
  PING: 0x9,
  PONG: 0xa,
} as const;

/** Control frames have opcodes with the high bit set (§5.5). */
export function isControlOpcode(opcode: number): boolean {
  return (opcode & 0x8) !== 0;
}

/** An opcode RFC 6455 defines (the others are reserved, §5.2). */
export function isKnownOpcode(opcode: number): boolean {
  return opcode <= OPCODE.BINARY || (opcode >= OPCODE.CLOSE && opcode <= OPCODE.PONG);
}

/** Control frames carry at most 125 payload bytes and are never fragmented (§5.5). */
export const MAX_CONTROL_PAYLOAD = 125;

/** Close status codes (§7.4.1, and the IANA registry of §11.7 for 1012-1014). */
export const CLOSE_CODE = {
  NORMAL: 1000,
  GOING_AWAY: 1001,
  PROTOCOL_ERROR: 1002,
  UNSUPPORTED_DATA: 1003,
  /** Reserved: never sent in a Close frame; "no status code was present". */
  NO_STATUS: 1005,
  /** Reserved: never sent; "closed abnormally, without a Close frame". */
  ABNORMAL: 1006,
  INVALID_PAYLOAD: 1007,
  POLICY_VIOLATION: 1008,
  MESSAGE_TOO_BIG: 1009,
  MANDATORY_EXTENSION: 1010,
  INTERNAL_ERROR: 1011,
  /** Reserved: never sent; a TLS handshake failure. */
  TLS_HANDSHAKE: 1015,
} as const;

/**
 * Whether a Close frame may carry `code` (§7.4.1, §7.4.2): the codes RFC 6455
 * and the IANA registry define for use on the wire (1000-1003, 1007-1014), and
 * 3000-4999 (libraries, frameworks, applications). 1004-1006 and 1015 are
 * reserved or never sent; the rest of 0-2999 is unassigned; 5000 and up
 * are not defined at all.
 */
export function isValidCloseCode(code: number): boolean {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

/** A frame header's fields. */
export interface FrameRepr {
  readonly fin: boolean;
  /** RSV1-RSV3 as a 3-bit number (RSV1 is 4); 0 unless an extension says otherwise (§5.2). */
  readonly rsv: number;
  readonly opcode: number;
  /** The masking key (4 bytes), or null for an unmasked frame. */
  readonly mask: Uint8Array | null;
}

/** The header length and payload length a frame header declares. */
export interface ParsedFrameHeader {
  readonly repr: FrameRepr;
  readonly headerLength: number;
  /** As a number: exact up to 2^53; a 64-bit length above that is reported as Infinity. */
  readonly payloadLength: number;
  /** The length was encoded in more bytes than needed, or a 64-bit length had its top bit set (§5.2). */
  readonly lengthEncoding: "minimal" | "not-minimal" | "top-bit-set";
}

/** Length of a frame header carrying `payloadLength` bytes, with the minimal length encoding (§5.2). */
export function frameHeaderLength(payloadLength: number, masked: boolean): number {
  return (payloadLength < 126 ? 2 : payloadLength < 0x10000 ? 4 : 10) + (masked ? 4 : 0);
}

/** XORs `payload` (in place) with `mask`, as if it started at byte `offset` of the frame's payload (§5.3). */
export function applyMask(payload: Uint8Array, mask: Uint8Array, offset = 0): Uint8Array {
  for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ mask[(offset + i) & 3]!;
  return payload;
}

/** A whole frame: header with the minimal length encoding, then `payload` masked with `repr.mask` if any. */
export function emitFrame(repr: FrameRepr, payload: Uint8Array): Uint8Array {
  if (!Number.isInteger(repr.opcode) || repr.opcode < 0 || repr.opcode > 15) throw new WireError("websocket.opcode", `opcode ${repr.opcode} is not 4 bits`);
  if (!Number.isInteger(repr.rsv) || repr.rsv < 0 || repr.rsv > 7) throw new WireError("websocket.rsv", `RSV ${repr.rsv} is not 3 bits`);
  if (repr.mask !== null && repr.mask.length !== 4) throw new WireError("websocket.mask", `a masking key is 4 bytes, not ${repr.mask.length}`);
  const length = payload.length;
  const header = frameHeaderLength(length, repr.mask !== null);
  const frame = new Uint8Array(header + length);
  frame[0] = (repr.fin ? 0x80 : 0) | (repr.rsv << 4) | repr.opcode;
  const maskBit = repr.mask === null ? 0 : 0x80;
  let at = 2;
  if (length < 126) {
    frame[1] = maskBit | length;
  } else if (length < 0x10000) {
    frame[1] = maskBit | 126;
    frame[2] = length >>> 8;
    frame[3] = length & 0xff;
    at = 4;
  } else {
    frame[1] = maskBit | 127;
    new DataView(frame.buffer).setBigUint64(2, BigInt(length));
    at = 10;
  }
  if (repr.mask !== null) {
    frame.set(repr.mask, at);
    at += 4;
  }
  frame.set(payload, at);
  if (repr.mask !== null) applyMask(frame.subarray(at), repr.mask);
  return frame;
}

/** The header at the start of `bytes`, or null when `bytes` holds only part of it. Checks nothing but its own length. */
export function parseFrameHeader(bytes: Uint8Array): ParsedFrameHeader | null {
  if (bytes.length < 2) return null;
  const masked = (bytes[1]! & 0x80) !== 0;
  const short = bytes[1]! & 0x7f;
  const extra = short === 126 ? 2 : short === 127 ? 8 : 0;
  const headerLength = 2 + extra + (masked ? 4 : 0);
  if (bytes.length < headerLength) return null;
  let payloadLength = short;
  let lengthEncoding: ParsedFrameHeader["lengthEncoding"] = "minimal";
  if (short === 126) {
    payloadLength = (bytes[2]! << 8) | bytes[3]!;
    if (payloadLength < 126) lengthEncoding = "not-minimal";
  } else if (short === 127) {
    const big = new DataView(bytes.buffer, bytes.byteOffset + 2, 8).getBigUint64(0);
    payloadLength = big > BigInt(Number.MAX_SAFE_INTEGER) ? Number.POSITIVE_INFINITY : Number(big);
    if (big >> 63n !== 0n) lengthEncoding = "top-bit-set";
    else if (big < 0x10000n) lengthEncoding = "not-minimal";
  }
  const mask = masked ? bytes.slice(2 + extra, 2 + extra + 4) : null;
  return {
    repr: { fin: (bytes[0]! & 0x80) !== 0, rsv: (bytes[0]! >> 4) & 7, opcode: bytes[0]! & 0x0f, mask },
    headerLength,
    payloadLength,
    lengthEncoding,
  };
}
