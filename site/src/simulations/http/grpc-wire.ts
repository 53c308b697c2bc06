/**
 * gRPC's own bytes on top of HTTP/2, from the gRPC over HTTP/2 protocol
 * description (grpc/grpc, doc/PROTOCOL-HTTP2.md): the Length-Prefixed-Message
 * (a 1-byte Compressed-Flag, a 4-byte big-endian Message-Length, the
 * message), and the grpc-timeout header (at most 8 digits and a unit).
 */

/** Bytes before every gRPC message: the compressed flag and the 32-bit length. */
export const MESSAGE_PREFIX = 5;

/** One Length-Prefixed-Message. */
export function grpcMessage(message: Uint8Array, compressed = false): Uint8Array {
  const out = new Uint8Array(MESSAGE_PREFIX + message.length);
  out[0] = compressed ? 1 : 0;
  new DataView(out.buffer).setUint32(1, message.length);
  out.set(message, MESSAGE_PREFIX);
  return out;
}

const UNITS: readonly (readonly [string, number])[] = [
  ["H", 3_600_000],
  ["M", 60_000],
  ["S", 1000],
  ["m", 1],
  ["u", 1e-3],
  ["n", 1e-6],
];

/** grpc-timeout's value for a deadline in ms: whole milliseconds if 8 digits hold them, else coarser units. */
export function formatTimeout(timeoutMs: number): string {
  for (const [unit, size] of [...UNITS].reverse()) {
    const value = Math.ceil(timeoutMs / size);
    if (size >= 1 && value <= 99_999_999) return `${value}${unit}`;
  }
  throw new RangeError(`timeout ${timeoutMs} ms does not fit grpc-timeout`);
}

/** Parses grpc-timeout ("200m", "1S"): the deadline in ms, or undefined if malformed. */
export function parseTimeout(value: string): number | undefined {
  const match = /^([0-9]{1,8})([HMSmun])$/.exec(value);
  if (match === null) return undefined;
  return Number(match[1]) * UNITS.find(([u]) => u === match[2])![1];
}

/**
 * The size of a header block sent as HPACK literals without indexing or
 * Huffman coding (RFC 7541 §6.2.2): what a first request costs before the
 * dynamic table helps. A length under 127 fits in the first byte.
 */
export function literalBlockSize(fields: readonly (readonly [string, string])[]): number {
  const lengthBytes = (n: number) => (n < 127 ? 1 : n < 127 + 128 ? 2 : 3);
  return fields.reduce((sum, [name, value]) => sum + 1 + lengthBytes(name.length) + name.length + lengthBytes(value.length) + value.length, 0);
}
