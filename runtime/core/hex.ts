/**
 * Hex text for bytes and numbers, the one copy everything imports: tests,
 * transcripts, error messages, packet views and the labs' harnesses.
 */

/** One byte as two lowercase hex digits: `hexByte(5)` is `"05"`. */
export function hexByte(byte: number): string {
  return (byte & 0xff).toString(16).padStart(2, "0");
}

/** Every byte's two digits, made once: tests and harnesses turn megabytes into hex. */
const PAIRS: readonly string[] = Array.from({ length: 256 }, (_, byte) => hexByte(byte));

/** Bytes as lowercase hex pairs, space-separated unless told otherwise: "00 05 68 69". */
export function toHex(bytes: Uint8Array | readonly number[], separator = " "): string {
  let text = "";
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0) text += separator;
    text += PAIRS[bytes[i]! & 0xff]!;
  }
  return text;
}

/** Parses hex text (whitespace optional) into bytes; throws on anything else. */
export function fromHex(text: string): Uint8Array {
  const digits = text.replace(/\s+/g, "");
  if (digits.length % 2 !== 0 || /[^0-9a-f]/i.test(digits)) throw new Error(`Not hex bytes: "${text}"`);
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (digitValue(digits.charCodeAt(2 * i)) << 4) | digitValue(digits.charCodeAt(2 * i + 1));
  return bytes;
}

/** The value of a hex digit's character code, already known to be one of 0-9, a-f, A-F. */
function digitValue(code: number): number {
  return code <= 0x39 ? code - 0x30 : (code | 0x20) - 0x57;
}

/** A number as `0x` and at least `digits` lowercase hex digits: `hexNumber(0xab, 4)` is `"0x00ab"`. */
export function hexNumber(value: number, digits: number): string {
  return `0x${value.toString(16).padStart(digits, "0")}`;
}
