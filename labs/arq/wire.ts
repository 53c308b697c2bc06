/**
 * Trusted helpers of the harness (and the tests): the lab's packet header,
 * the checksum to judge the learner's packets by, and the seeded messages.
 * Never the learner's code. The checksum is the runtime's (one home for
 * RFC 1071, which every build ships for IPv4 anyway): this file must not
 * implement what the lab grades, since the harness reaches every edition.
 */
import { Random } from "#runtime/core/random.ts";
import { internetChecksum } from "#runtime/wire/checksum.ts";

/** The fixed header of every packet: type, sequence/ack number, checksum. */
export interface Header {
  readonly type: number;
  readonly seq: number;
  readonly checksum: number;
}

/** Bytes 0-4 of a packet, or null when it is shorter than a header. */
export function parseHeader(bytes: Uint8Array): Header | null {
  if (bytes.length < 5) return null;
  return { type: bytes[0]!, seq: (bytes[1]! << 8) | bytes[2]!, checksum: (bytes[3]! << 8) | bytes[4]! };
}

/** The checksum a packet's bytes 3-4 must hold: computed over the packet with that field zero. */
export function checksumOf(packet: Uint8Array): number {
  const zeroed = packet.slice();
  zeroed[3] = 0;
  zeroed[4] = 0;
  return internetChecksum(zeroed);
}

/**
 * `count` messages of seeded random sizes in [min, max], or exactly `sizes`
 * when given. A message of 4 bytes or more starts with its index as 4
 * big-endian bytes, so the harness can tell which message a payload is; the
 * rest (and every byte of a shorter message, even an empty one) is seeded random.
 */
export function makeMessages(seed: number, count: number, min: number, max: number, sizes?: readonly number[]): Uint8Array[] {
  const random = new Random(seed).fork("arq:messages");
  const lengths = sizes ?? Array.from({ length: count }, () => random.int(Math.max(4, min), Math.max(4, min, max)));
  return lengths.map((length, index) => {
    const message = new Uint8Array(length);
    const start = length >= 4 ? 4 : 0;
    if (start === 4) {
      message[0] = index >>> 24;
      message[1] = (index >>> 16) & 0xff;
      message[2] = (index >>> 8) & 0xff;
      message[3] = index & 0xff;
    }
    for (let i = start; i < message.length; i++) message[i] = random.int(0, 255);
    return message;
  });
}

/** The bytes of the `index`-th message a `script` offers (counting every offer step): a simple pattern. */
export function scriptMessage(index: number, size: number): Uint8Array {
  const message = new Uint8Array(size);
  for (let i = 0; i < size; i++) message[i] = (index * 37 + i * 11 + 1) & 0xff;
  return message;
}
