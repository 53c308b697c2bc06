/**
 * The Internet checksum of RFC 1071: the 16-bit one's complement of the
 * one's complement sum of the data taken as big-endian 16-bit words. IPv4,
 * UDP, TCP and ICMP all use it.
 */

/**
 * Adds up `bytes[start..end)` as big-endian 16-bit words in one's complement
 * arithmetic and returns the sum folded to 16 bits (not yet complemented).
 *
 * An odd-length range is padded with a zero byte at the end (RFC 1071 §1).
 * End-around carries are folded in at the end, which gives the same result as
 * adding them as they happen (RFC 1071 §2(B), "deferred carries").
 *
 * @param initial A sum to continue from, e.g. a pseudo-header sum or the
 *   result of an earlier call; any non-negative integer below 2^48.
 * @example onesComplementSum(Uint8Array.of(0x00, 0x01, 0xf2, 0x03)) === 0xf204
 */
export function onesComplementSum(
  bytes: Uint8Array,
  start: number = 0,
  end: number = bytes.length,
  initial: number = 0,
): number {
  // A double holds integers exactly up to 2^53, so we can add ~2^37 words
  // before folding; packets are far smaller.
  let sum = initial;
  let i = start;
  for (; i + 1 < end; i += 2) sum += (bytes[i] << 8) | bytes[i + 1];
  if (i < end) sum += bytes[i] << 8;
  while (sum > 0xffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  return sum;
}

/**
 * The Internet checksum (RFC 1071) of `bytes`: the one's complement of their
 * one's complement sum. Write it into the checksum field (zeroed while
 * computing); a receiver that sums the whole header, checksum included, gets
 * 0xffff when nothing was corrupted.
 *
 * @param initial A sum to start from, e.g. {@link pseudoHeaderSum}.
 * @example internetChecksum(Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7)) === 0x220d
 */
export function internetChecksum(bytes: Uint8Array, initial: number = 0): number {
  return ~onesComplementSum(bytes, 0, bytes.length, initial) & 0xffff;
}

/**
 * The one's complement sum of the IPv4 pseudo-header that UDP (RFC 768) and
 * TCP (RFC 9293 §3.1) prepend to their checksum: source address, destination
 * address, a zero byte, the protocol number and the transport length. Pass it
 * as `initial` to {@link onesComplementSum} or {@link internetChecksum}.
 *
 * @param srcAddr IPv4 source address, unsigned 32-bit.
 * @param dstAddr IPv4 destination address, unsigned 32-bit.
 * @param protocol IP protocol number (6 for TCP, 17 for UDP).
 * @param length Length of the transport header plus payload in bytes.
 */
export function pseudoHeaderSum(srcAddr: number, dstAddr: number, protocol: number, length: number): number {
  // Unsigned shifts keep the high words positive; the sum is folded later.
  return (srcAddr >>> 16) + (srcAddr & 0xffff) + (dstAddr >>> 16) + (dstAddr & 0xffff) + protocol + length;
}

/** Options for the `parse*` functions of the wire layer. */
export interface ParseOptions {
  /**
   * Check the header checksum and throw a `WireError` on mismatch.
   * Defaults to `true`; turn it off to inspect a corrupted packet.
   */
  verifyChecksum?: boolean;
}
