/**
 * The tests' model of the lab's integer decoding (RFC 7541 §5.1 with the
 * lab's limits: at most 2^31 − 1, at most 5 continuation bytes). Plain
 * arithmetic on doubles is exact here (5 groups stay below 2^36), so it has
 * none of the 32-bit shift pitfalls it is there to catch. Hidden tests only.
 */

export const MAX_INTEGER = 0x7fffffff;
export const MAX_CONTINUATION_BYTES = 5;

/** `{ value, next }`, or the reason it is a decoding error. */
export function decodeIntegerModel(bytes: Uint8Array, offset: number, prefixBits: number): { value: number; next: number } | { error: string } {
  if (offset >= bytes.length) return { error: "no byte at the offset" };
  const max = 2 ** prefixBits - 1;
  let value = bytes[offset]! & max;
  if (value < max) return { value, next: offset + 1 };
  for (let k = 0; k < MAX_CONTINUATION_BYTES; k++) {
    const at = offset + 1 + k;
    if (at >= bytes.length) return { error: `the bytes end after ${k} continuation byte${k === 1 ? "" : "s"}` };
    const byte = bytes[at]!;
    value += (byte & 0x7f) * 128 ** k;
    if (value > MAX_INTEGER) return { error: `the value passes 2^31 − 1 at continuation byte ${k + 1} (${value} so far)` };
    if (byte < 0x80) return { value, next: at + 1 };
  }
  return { error: `more than ${MAX_CONTINUATION_BYTES} continuation bytes` };
}

/** The bytes of `value` with an N-bit prefix and flag bits above it. */
export function encodeIntegerModel(value: number, prefixBits: number, flags = 0): number[] {
  const max = 2 ** prefixBits - 1;
  if (value < max) return [flags | value];
  const bytes = [flags | max];
  let rest = value - max;
  for (; rest >= 128; rest = Math.floor(rest / 128)) bytes.push(0x80 | rest % 128);
  return [...bytes, rest];
}
