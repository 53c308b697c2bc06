/**
 * ICMP messages (RFC 792), carried in IPv4 with protocol 1:
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Rest of header (unused in errors; id/seq in echo; ...)    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Body (errors: the offending datagram's header + data)     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 *
 * The checksum is the Internet checksum of the whole ICMP message, with the
 * checksum field zero while computing (RFC 792, "Checksum").
 */
import { internetChecksum, onesComplementSum, type ParseOptions } from "./checksum.ts";
import { checkField, hex, WireError } from "./errors.ts";

/** Type, code, checksum and the 4-byte "rest of header". */
export const ICMP_HEADER_LENGTH = 8;

/** ICMP types used in this course (RFC 792). */
export const ICMP_TYPE = {
  ECHO_REPLY: 0,
  DESTINATION_UNREACHABLE: 3,
  SOURCE_QUENCH: 4,
  REDIRECT: 5,
  ECHO_REQUEST: 8,
  TIME_EXCEEDED: 11,
  PARAMETER_PROBLEM: 12,
} as const;

/** Destination Unreachable codes (RFC 792). */
export const ICMP_UNREACHABLE_CODE = { NET: 0, HOST: 1, PROTOCOL: 2, PORT: 3, FRAGMENTATION_NEEDED: 4 } as const;

/** Time Exceeded codes (RFC 792). */
export const ICMP_TIME_EXCEEDED_CODE = { TTL: 0, REASSEMBLY: 1 } as const;

/**
 * The ICMP error types of RFC 792 (RFC 1122 §3.2.2 lists them): no host or
 * router ever sends an ICMP error about a datagram that carries one of these.
 */
const ERROR_TYPES: ReadonlySet<number> = new Set([3, 4, 5, 11, 12]);

/** True for an ICMP error message type (3, 4, 5, 11, 12), false for queries such as echo. */
export function isIcmpError(type: number): boolean {
  return ERROR_TYPES.has(type);
}

/**
 * RFC 792: an error quotes "the internet header plus the first 64 bits of the
 * original datagram's data" — 8 bytes of data after the header.
 */
export const ICMP_QUOTED_DATA_BYTES = 8;

/**
 * RFC 1812 §4.3.2.3 lets a router quote more: as much of the original
 * datagram as fits without the ICMP datagram (IPv4 header included)
 * exceeding 576 bytes.
 */
export const ICMP_ROUTER_ERROR_MAX_DATAGRAM = 576;

/** The fields of an ICMP header, as plain values. */
export interface IcmpRepr {
  /** Message type, e.g. `ICMP_TYPE.TIME_EXCEEDED`. */
  type: number;
  /** Code within the type, e.g. `ICMP_UNREACHABLE_CODE.HOST`. */
  code: number;
  /** The 4 bytes after the checksum, big-endian: zero in the errors of this course; identifier and sequence in echo. */
  rest: number;
}

/** The result of {@link parseIcmp}. */
export interface ParsedIcmp {
  repr: IcmpRepr;
  /** The bytes after the 8-byte header: a view into the parsed bytes. */
  body: Uint8Array;
}

/**
 * Builds an ICMP message: the header with its checksum, then a copy of `body`.
 *
 * @throws {WireError} if a field is out of range.
 */
export function emitIcmp(repr: IcmpRepr, body: Uint8Array): Uint8Array {
  checkField("icmp.type", repr.type, 0xff);
  checkField("icmp.code", repr.code, 0xff);
  checkField("icmp.rest", repr.rest, 0xffffffff);
  const message = new Uint8Array(ICMP_HEADER_LENGTH + body.length);
  const view = new DataView(message.buffer);
  view.setUint8(0, repr.type);
  view.setUint8(1, repr.code);
  view.setUint32(4, repr.rest);
  message.set(body, ICMP_HEADER_LENGTH);
  view.setUint16(2, internetChecksum(message));
  return message;
}

/**
 * Parses an ICMP message (the payload of an IPv4 datagram with protocol 1).
 *
 * @param options `verifyChecksum` (default `true`) checks the checksum.
 * @throws {WireError} if the message is shorter than 8 bytes or the checksum is wrong.
 */
export function parseIcmp(bytes: Uint8Array, options?: ParseOptions): ParsedIcmp {
  if (bytes.length < ICMP_HEADER_LENGTH) {
    throw new WireError(
      "icmp.header",
      `ICMP message truncated: ${bytes.length} bytes is shorter than the ${ICMP_HEADER_LENGTH}-byte header`,
      bytes.length,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (options?.verifyChecksum !== false && onesComplementSum(bytes) !== 0xffff) {
    const expected = ~onesComplementSum(bytes, 0, 2, onesComplementSum(bytes, 4)) & 0xffff;
    throw new WireError(
      "icmp.checksum",
      `ICMP checksum mismatch (expected ${hex(expected, 4)}, found ${hex(view.getUint16(2), 4)})`,
      2,
    );
  }
  return {
    repr: { type: bytes[0], code: bytes[1], rest: view.getUint32(4) },
    body: bytes.subarray(ICMP_HEADER_LENGTH),
  };
}
