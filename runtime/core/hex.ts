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

/**
 * Parses hex text (whitespace optional) into bytes; throws on anything else.
 * No regular expression: inside the grader's sandbox the RegExp intrinsics
 * are frozen, which sends V8 down its slow path (a global replace over a
 * megabyte of test input cost half a second there).
 */
export function fromHex(text: string): Uint8Array {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (digitValue(code) >= 0) digits++;
    else if (!isSpace(code)) throw notHex(text);
  }
  if (digits % 2 !== 0) throw notHex(text);
  const bytes = new Uint8Array(digits / 2);
  let high = -1;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const value = digitValue(text.charCodeAt(i));
    if (value < 0) continue;
    if (high < 0) high = value;
    else {
      bytes[count++] = (high << 4) | value;
      high = -1;
    }
  }
  return bytes;
}

function notHex(text: string): Error {
  return new Error(`Not hex bytes: "${text}"`);
}

/** The value of a hex digit's character code (0-9, a-f, A-F), or -1. */
function digitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

/** What `\s` matches: ASCII white space, and (rarely met, so tested by the engine) the Unicode spaces. */
function isSpace(code: number): boolean {
  if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) return true;
  return code > 0x7f && /\s/.test(String.fromCharCode(code));
}

/** A number as `0x` and at least `digits` lowercase hex digits: `hexNumber(0xab, 4)` is `"0x00ab"`. */
export function hexNumber(value: number, digits: number): string {
  return `0x${value.toString(16).padStart(digits, "0")}`;
}
