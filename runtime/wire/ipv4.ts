/**
 * The IPv4 header (RFC 791 §3.1):
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |   DSCP    |ECN|          Total Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Identification        |Flags|      Fragment Offset    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Source Address                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Destination Address                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options (if IHL > 5)                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 *
 * The DSCP/ECN byte is RFC 791's Type of Service as redefined by RFC 2474 §3
 * and RFC 3168 §5.
 */
import { internetChecksum, onesComplementSum, type ParseOptions } from "./checksum.ts";
import { checkField, hex, WireError } from "./errors.ts";

/** Length of an IPv4 header without options, in bytes (IHL = 5). */
export const IPV4_HEADER_LENGTH = 20;

/** IP protocol numbers (IANA "Assigned Internet Protocol Numbers"). */
export const IP_PROTOCOL = { ICMP: 1, TCP: 6, UDP: 17 } as const;

// Flag bits of the 16-bit flags/fragment-offset word (RFC 791 §3.1). The top
// bit is reserved (must be zero); parsing ignores it, emitting writes zero.
const DONT_FRAGMENT = 0x4000;
const MORE_FRAGMENTS = 0x2000;
const FRAGMENT_OFFSET_MASK = 0x1fff;

/** The fields of an IPv4 header, as plain values. Options are not modelled. */
export interface Ipv4Repr {
  /** Source address, unsigned 32-bit (see `parseIpv4Address`). */
  src: number;
  /** Destination address, unsigned 32-bit. */
  dst: number;
  /** Protocol of the payload, e.g. `IP_PROTOCOL.UDP`. */
  protocol: number;
  /** Time to live: hops left before a router discards the packet (0 to 255). */
  ttl: number;
  /** Identification shared by the fragments of one datagram (0 to 65535). */
  identification: number;
  /** Differentiated Services Code Point, 0 to 63 (RFC 2474). */
  dscp: number;
  /** Explicit Congestion Notification, 0 to 3 (RFC 3168). */
  ecn: number;
  /** DF flag: routers must drop rather than fragment this packet. */
  dontFragment: boolean;
  /** MF flag: more fragments of this datagram follow. */
  moreFragments: boolean;
  /**
   * Offset of this fragment's data in the original datagram, in BYTES
   * (a multiple of 8; the header stores it in 8-byte units).
   */
  fragmentOffset: number;
}

/** The result of {@link parseIpv4}. */
export interface ParsedIpv4 {
  /** The header fields. */
  repr: Ipv4Repr;
  /** The payload: a view into the parsed bytes, up to the total length. */
  payload: Uint8Array;
  /** Header length in bytes, options included (20 to 60). */
  headerLength: number;
}

/**
 * Builds an IPv4 packet: a 20-byte header (no options) with its checksum,
 * followed by a copy of `payload`. The total length comes from `payload`.
 *
 * @throws {WireError} if a field is out of range or the packet would exceed
 *   65535 bytes.
 */
export function emitIpv4(repr: Ipv4Repr, payload: Uint8Array): Uint8Array {
  checkIpv4Repr(repr);
  const totalLength = IPV4_HEADER_LENGTH + payload.length;
  if (totalLength > 0xffff) {
    throw new WireError(
      "ipv4.totalLength",
      `IPv4 total length ${totalLength} exceeds 65535 (payload is ${payload.length} bytes)`,
    );
  }
  const packet = new Uint8Array(totalLength);
  const view = new DataView(packet.buffer);
  view.setUint8(0, 0x45); // version 4, IHL 5 words
  view.setUint8(1, (repr.dscp << 2) | repr.ecn);
  view.setUint16(2, totalLength);
  view.setUint16(4, repr.identification);
  view.setUint16(
    6,
    (repr.dontFragment ? DONT_FRAGMENT : 0) | (repr.moreFragments ? MORE_FRAGMENTS : 0) | (repr.fragmentOffset / 8),
  );
  view.setUint8(8, repr.ttl);
  view.setUint8(9, repr.protocol);
  view.setUint32(12, repr.src);
  view.setUint32(16, repr.dst);
  // The checksum covers the header only, computed with its own field zero.
  view.setUint16(10, internetChecksum(packet.subarray(0, IPV4_HEADER_LENGTH)));
  packet.set(payload, IPV4_HEADER_LENGTH);
  return packet;
}

function checkIpv4Repr(repr: Ipv4Repr): void {
  checkField("ipv4.src", repr.src, 0xffffffff);
  checkField("ipv4.dst", repr.dst, 0xffffffff);
  checkField("ipv4.protocol", repr.protocol, 0xff);
  checkField("ipv4.ttl", repr.ttl, 0xff);
  checkField("ipv4.identification", repr.identification, 0xffff);
  checkField("ipv4.dscp", repr.dscp, 63);
  checkField("ipv4.ecn", repr.ecn, 3);
  checkField("ipv4.fragmentOffset", repr.fragmentOffset, FRAGMENT_OFFSET_MASK * 8);
  if (repr.fragmentOffset % 8 !== 0) {
    throw new WireError(
      "ipv4.fragmentOffset",
      `ipv4.fragmentOffset must be a multiple of 8 bytes, got ${repr.fragmentOffset}`,
    );
  }
}

/**
 * Parses an IPv4 packet. Options are skipped; bytes past the total length
 * (link-layer padding) are ignored.
 *
 * @param options `verifyChecksum` (default `true`) checks the header checksum.
 * @throws {WireError} if the buffer is truncated, the version is not 4, the
 *   IHL is below 5, the total length does not fit, or the checksum is wrong.
 */
export function parseIpv4(bytes: Uint8Array, options?: ParseOptions): ParsedIpv4 {
  if (bytes.length < IPV4_HEADER_LENGTH) {
    throw new WireError(
      "ipv4.header",
      `IPv4 packet truncated: ${bytes.length} bytes is shorter than the ${IPV4_HEADER_LENGTH}-byte minimum header`,
      bytes.length,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = bytes[0] >>> 4;
  if (version !== 4) {
    throw new WireError("ipv4.version", `IPv4 version field is ${version}, expected 4`, 0);
  }
  const ihl = bytes[0] & 0x0f;
  if (ihl < 5) {
    throw new WireError(
      "ipv4.ihl",
      `IPv4 header length (IHL) is ${ihl} words, below the minimum of 5 words (20 bytes) (RFC 791 §3.1)`,
      0,
    );
  }
  const headerLength = ihl * 4;
  if (headerLength > bytes.length) {
    throw new WireError(
      "ipv4.ihl",
      `IPv4 header length (IHL) is ${ihl} words (${headerLength} bytes) but only ${bytes.length} bytes were received`,
      0,
    );
  }
  const totalLength = view.getUint16(2);
  if (totalLength < headerLength) {
    throw new WireError(
      "ipv4.totalLength",
      `IPv4 total length ${totalLength} is smaller than the header length ${headerLength}`,
      2,
    );
  }
  if (totalLength > bytes.length) {
    throw new WireError(
      "ipv4.totalLength",
      `IPv4 total length ${totalLength} exceeds the ${bytes.length} bytes received`,
      2,
    );
  }
  if (options?.verifyChecksum !== false && onesComplementSum(bytes, 0, headerLength) !== 0xffff) {
    // Cold path: recompute what the sender should have written, skipping bytes 10-11.
    const expected = ~onesComplementSum(bytes, 0, 10, onesComplementSum(bytes, 12, headerLength)) & 0xffff;
    throw new WireError(
      "ipv4.checksum",
      `IPv4 header checksum mismatch (expected ${hex(expected, 4)}, found ${hex(view.getUint16(10), 4)})`,
      10,
    );
  }
  const flags = view.getUint16(6);
  const repr: Ipv4Repr = {
    src: view.getUint32(12),
    dst: view.getUint32(16),
    protocol: bytes[9],
    ttl: bytes[8],
    identification: view.getUint16(4),
    dscp: bytes[1] >>> 2,
    ecn: bytes[1] & 0x03,
    dontFragment: (flags & DONT_FRAGMENT) !== 0,
    moreFragments: (flags & MORE_FRAGMENTS) !== 0,
    fragmentOffset: (flags & FRAGMENT_OFFSET_MASK) * 8,
  };
  return { repr, payload: bytes.subarray(headerLength, totalLength), headerLength };
}

/**
 * Checks an IPv4 header checksum without parsing anything else: the one's
 * complement sum of the whole header must be 0xffff (RFC 1071 §1).
 * Returns `false` if the buffer is too short to hold the header its IHL claims.
 */
export function verifyIpv4Checksum(bytes: Uint8Array): boolean {
  if (bytes.length < IPV4_HEADER_LENGTH) return false;
  const headerLength = (bytes[0] & 0x0f) * 4;
  if (headerLength < IPV4_HEADER_LENGTH || headerLength > bytes.length) return false;
  return onesComplementSum(bytes, 0, headerLength) === 0xffff;
}
