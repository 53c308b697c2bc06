/**
 * The UDP header (RFC 768):
 *
 * ```text
 *  0      7 8     15 16    23 24    31
 * +--------+--------+--------+--------+
 * |     Source      |   Destination   |
 * |      Port       |      Port       |
 * +--------+--------+--------+--------+
 * |     Length      |    Checksum     |
 * +--------+--------+--------+--------+
 * |          data octets ...
 * +---------------- ...
 * ```
 *
 * Length counts header and data. The checksum covers an IPv4 pseudo-header,
 * the UDP header and the data; 0 means "no checksum" (RFC 768, "Fields").
 */
import { internetChecksum, onesComplementSum, pseudoHeaderSum, type ParseOptions } from "./checksum.ts";
import { checkField, hex, WireError } from "./errors.ts";
import { IP_PROTOCOL } from "./ipv4.ts";

/** Length of the UDP header in bytes. */
export const UDP_HEADER_LENGTH = 8;

/** The fields of a UDP header that are not derived from the payload. */
export interface UdpRepr {
  /** Source port, 0 to 65535 (0 means "no reply port"). */
  srcPort: number;
  /** Destination port, 0 to 65535. */
  dstPort: number;
}

/** Options for {@link emitUdp}. */
export interface EmitUdpOptions {
  /**
   * Compute the checksum (default `true`). With `false` the field is 0,
   * which RFC 768 defines as "the transmitter generated no checksum".
   */
  checksum?: boolean;
}

/** The result of {@link parseUdp}. */
export interface ParsedUdp {
  /** The header fields. */
  repr: UdpRepr;
  /** The data: a view into the parsed bytes, as long as the Length field says. */
  payload: Uint8Array;
  /** `false` when the sender wrote 0 ("no checksum"), so nothing was verified. */
  checksumPresent: boolean;
}

/**
 * Builds a UDP datagram: the 8-byte header followed by a copy of `payload`.
 *
 * @param srcAddr IPv4 source address, for the pseudo-header checksum.
 * @param dstAddr IPv4 destination address, for the pseudo-header checksum.
 * @param options `checksum: false` sends a 0 checksum ("none").
 * @throws {WireError} if a port is out of range or the datagram exceeds 65535 bytes.
 */
export function emitUdp(
  repr: UdpRepr,
  payload: Uint8Array,
  srcAddr: number,
  dstAddr: number,
  options?: EmitUdpOptions,
): Uint8Array {
  checkField("udp.srcPort", repr.srcPort, 0xffff);
  checkField("udp.dstPort", repr.dstPort, 0xffff);
  const length = UDP_HEADER_LENGTH + payload.length;
  if (length > 0xffff) {
    throw new WireError("udp.length", `UDP length ${length} exceeds 65535 (payload is ${payload.length} bytes)`);
  }
  const datagram = new Uint8Array(length);
  const view = new DataView(datagram.buffer);
  view.setUint16(0, repr.srcPort);
  view.setUint16(2, repr.dstPort);
  view.setUint16(4, length);
  datagram.set(payload, UDP_HEADER_LENGTH);
  if (options?.checksum !== false) {
    const checksum = internetChecksum(datagram, pseudoHeaderSum(srcAddr, dstAddr, IP_PROTOCOL.UDP, length));
    // A computed 0 is sent as its one's complement twin 0xffff, since 0 means "none".
    view.setUint16(6, checksum === 0 ? 0xffff : checksum);
  }
  return datagram;
}

/**
 * Parses a UDP datagram (the payload of an IPv4 packet). Bytes past the
 * Length field are ignored.
 *
 * @param srcAddr IPv4 source address, for the pseudo-header checksum.
 * @param dstAddr IPv4 destination address, for the pseudo-header checksum.
 * @param options `verifyChecksum` (default `true`) checks a non-zero checksum.
 * @throws {WireError} if the datagram is truncated, the Length field is
 *   below 8 or beyond the buffer, or the checksum is wrong.
 */
export function parseUdp(bytes: Uint8Array, srcAddr: number, dstAddr: number, options?: ParseOptions): ParsedUdp {
  if (bytes.length < UDP_HEADER_LENGTH) {
    throw new WireError(
      "udp.header",
      `UDP datagram truncated: ${bytes.length} bytes is shorter than the ${UDP_HEADER_LENGTH}-byte header`,
      bytes.length,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint16(4);
  if (length < UDP_HEADER_LENGTH) {
    throw new WireError("udp.length", `UDP length ${length} is smaller than the ${UDP_HEADER_LENGTH}-byte header`, 4);
  }
  if (length > bytes.length) {
    throw new WireError("udp.length", `UDP length ${length} exceeds the ${bytes.length} bytes received`, 4);
  }
  const found = view.getUint16(6);
  const checksumPresent = found !== 0;
  if (checksumPresent && options?.verifyChecksum !== false) {
    const pseudo = pseudoHeaderSum(srcAddr, dstAddr, IP_PROTOCOL.UDP, length);
    if (onesComplementSum(bytes, 0, length, pseudo) !== 0xffff) {
      // Cold path: recompute what the sender should have written, skipping bytes 6-7.
      const sum = onesComplementSum(bytes, 0, 6, onesComplementSum(bytes, 8, length, pseudo));
      const expected = ~sum & 0xffff || 0xffff;
      throw new WireError(
        "udp.checksum",
        `UDP checksum mismatch (expected ${hex(expected, 4)}, found ${hex(found, 4)})`,
        6,
      );
    }
  }
  return {
    repr: { srcPort: view.getUint16(0), dstPort: view.getUint16(2) },
    payload: bytes.subarray(UDP_HEADER_LENGTH, length),
    checksumPresent,
  };
}
