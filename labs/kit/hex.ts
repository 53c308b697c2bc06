/** Hex text for bytes, as tests and transcripts show them: "00 05 68 69". */

/** Bytes as space-separated lowercase hex pairs. */
export function toHex(bytes: Uint8Array | readonly number[]): string {
  let text = "";
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0) text += " ";
    text += (bytes[i]! & 0xff).toString(16).padStart(2, "0");
  }
  return text;
}

/** Parses hex text (spaces optional) into bytes. */
export function fromHex(text: string): Uint8Array {
  const digits = text.replace(/\s+/g, "");
  if (digits.length % 2 !== 0 || /[^0-9a-f]/i.test(digits)) throw new Error(`Not hex bytes: "${text}"`);
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
