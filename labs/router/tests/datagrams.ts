/**
 * Datagrams for the tests, built field by field on the runtime's checksum,
 * including what emitIpv4 cannot make: options, any fragment fields, link
 * padding, a chosen (valid) checksum value, and malformed headers.
 */
import { parseIpv4Address } from "#runtime/wire/address.ts";
import { internetChecksum, onesComplementSum } from "#runtime/wire/checksum.ts";
import { emitIcmp } from "#runtime/wire/icmp.ts";

export interface DatagramFields {
  readonly src: string;
  readonly dst: string;
  readonly ttl: number;
  /** Default 17 (UDP). */
  readonly protocol?: number;
  readonly identification?: number;
  readonly tos?: number;
  /** The 16-bit flags and fragment offset word (offset in 8-byte units). */
  readonly flagsAndOffset?: number;
  /** Option bytes, a multiple of 4 (at most 40). */
  readonly options?: Uint8Array;
  readonly payload?: Uint8Array;
  /** Bytes after the datagram (link-layer padding), not counted in the total length. */
  readonly padding?: number;
  /**
   * Choose the identification so the header's checksum is this value
   * (0xffff: the header sums to zero and carries the "other" zero, which is valid).
   */
  readonly checksum?: number;
}

/** A valid IPv4 datagram with these fields (plus `padding` bytes of 0x00). */
export function datagram(fields: DatagramFields): Uint8Array {
  const options = fields.options ?? new Uint8Array(0);
  const payload = fields.payload ?? new Uint8Array(0);
  const headerLength = 20 + options.length;
  const total = headerLength + payload.length;
  const bytes = new Uint8Array(total + (fields.padding ?? 0));
  bytes[0] = 0x40 | (headerLength / 4);
  bytes[1] = fields.tos ?? 0;
  put16(bytes, 2, total);
  put16(bytes, 4, fields.identification ?? 0x1234);
  put16(bytes, 6, fields.flagsAndOffset ?? 0);
  bytes[8] = fields.ttl;
  bytes[9] = fields.protocol ?? 17;
  put32(bytes, 12, parseIpv4Address(fields.src));
  put32(bytes, 16, parseIpv4Address(fields.dst));
  bytes.set(options, 20);
  bytes.set(payload, headerLength);
  if (fields.checksum !== undefined) setChecksumTo(bytes, fields.checksum);
  else put16(bytes, 10, internetChecksum(bytes.subarray(0, headerLength)));
  return bytes;
}

/**
 * Rewrites the identification so the header is valid and its checksum field
 * holds `checksum`. For 0xffff the rest of the header must sum to 0xffff
 * (one's complement zero); 0x0000 is then the other valid encoding.
 */
function setChecksumTo(bytes: Uint8Array, checksum: number): void {
  const headerLength = (bytes[0]! & 0x0f) * 4;
  put16(bytes, 10, 0);
  put16(bytes, 4, 0);
  // The rest must sum to ~checksum (or to 0xffff when checksum is 0xffff).
  const wanted = checksum === 0xffff ? 0xffff : ~checksum & 0xffff;
  const others = onesComplementSum(bytes, 0, headerLength);
  // identification = wanted - others in one's complement arithmetic.
  put16(bytes, 4, onesComplementSum(Uint8Array.of(wanted >> 8, wanted & 0xff, ~others >> 8 & 0xff, ~others & 0xff)));
  put16(bytes, 10, checksum);
  if (onesComplementSum(bytes, 0, headerLength) !== 0xffff) throw new Error(`setChecksumTo(${checksum}) made an invalid header`);
}

/** An ICMP message of `type` (with 4 data bytes) as a datagram's payload. */
export function icmpPayload(type: number, code = 0): Uint8Array {
  return emitIcmp({ type, code, rest: 0 }, Uint8Array.of(1, 2, 3, 4));
}

/** `count` bytes counting up from `start`. */
export function counting(count: number, start = 0): Uint8Array {
  return Uint8Array.from({ length: count }, (_, i) => (start + i) & 0xff);
}

/** A NOP-padded option block: `words` 4-byte words, record-route-like bytes a router need not process. */
export function options(words: number): Uint8Array {
  const bytes = new Uint8Array(words * 4).fill(1); // NOP
  if (words > 0) bytes.set([0x07, Math.min(words * 4 - 1, 39), 4], 0); // Record Route (RFC 791 §3.1), pointer 4
  if (words > 0) bytes[words * 4 - 1] = 0; // End of Option List
  return bytes;
}

export function put16(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = (value >>> 8) & 0xff;
  bytes[at + 1] = value & 0xff;
}

function put32(bytes: Uint8Array, at: number, value: number): void {
  put16(bytes, at, value >>> 16);
  put16(bytes, at + 2, value & 0xffff);
}

/** Makes the header checksum right again after a test changed a header byte on purpose. */
export function fixChecksum(bytes: Uint8Array, headerLength = (bytes[0]! & 0x0f) * 4): Uint8Array {
  put16(bytes, 10, 0);
  put16(bytes, 10, internetChecksum(bytes.subarray(0, Math.min(headerLength, bytes.length))));
  return bytes;
}
