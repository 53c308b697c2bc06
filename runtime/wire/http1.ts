/**
 * HTTP/1.1 message syntax (RFC 9112, with the shared grammar of RFC 9110):
 * the character classes of tokens and field values, the bodyless status
 * codes, and text as Latin-1 (one character per octet, as HTTP/1.1 header
 * sections are octets). No parser here: the http1 lab's learners write it.
 */

export const CR = 0x0d;
export const LF = 0x0a;
export const SP = 0x20;
export const HTAB = 0x09;

/** RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA. */
const TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~";

/** True when the octet `c` is a tchar (RFC 9110 §5.6.2). */
export function isTchar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || TCHAR_SYMBOLS.includes(String.fromCharCode(c));
}

/** token = 1*tchar (RFC 9110 §5.6.2): methods, field names, transfer codings, chunk extension names. */
export function isToken(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (!isTchar(text.charCodeAt(i))) return false;
  return true;
}

/** field-vchar = VCHAR / obs-text (RFC 9110 §5.5): 0x21-0x7E and 0x80-0xFF. */
export function isFieldVchar(c: number): boolean {
  return (c >= 0x21 && c <= 0x7e) || (c >= 0x80 && c <= 0xff);
}

/**
 * field-value = *field-content (RFC 9110 §5.5): visible octets, obs-text, and
 * SP/HTAB between them, never at either end (the parser strips that OWS,
 * RFC 9112 §5.1). CR, LF and NUL are never allowed.
 */
export function isFieldValue(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const inside = i > 0 && i < text.length - 1;
    if (!(isFieldVchar(c) || (inside && (c === SP || c === HTAB)))) return false;
  }
  return true;
}

/**
 * Status codes whose responses end at the empty line after the header
 * section, whatever their fields say (RFC 9112 §6.3 rule 1; RFC 9110
 * §15.2, §15.3.5, §15.4.5): 1xx, 204 No Content, 304 Not Modified.
 */
export function isBodylessStatus(status: number): boolean {
  return (status >= 100 && status <= 199) || status === 204 || status === 304;
}

/** Octets as Latin-1 text: one character per octet (0x00-0xFF). */
export function latin1(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}

/** Latin-1 text as octets; throws RangeError for a character above U+00FF. */
export function fromLatin1(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) throw new RangeError(`character U+${c.toString(16).toUpperCase().padStart(4, "0")} at ${i} is not one octet`);
    bytes[i] = c;
  }
  return bytes;
}
