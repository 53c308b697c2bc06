/**
 * A streaming UTF-8 validator (RFC 3629 §4), byte by byte, so a reader can
 * tell the first byte after which no continuation can make the text valid:
 * WebSocket fails a connection on invalid text as soon as it sees it
 * (RFC 6455 §8.1). Overlong forms, surrogates (U+D800-DFFF) and code points
 * above U+10FFFF are invalid.
 *
 *   UTF8-2 = %xC2-DF UTF8-tail
 *   UTF8-3 = %xE0 %xA0-BF UTF8-tail / %xE1-EC 2( UTF8-tail ) /
 *            %xED %x80-9F UTF8-tail / %xEE-EF 2( UTF8-tail )
 *   UTF8-4 = %xF0 %x90-BF 2( UTF8-tail ) / %xF1-F3 3( UTF8-tail ) /
 *            %xF4 %x80-8F 2( UTF8-tail )
 */
export class Utf8Validator {
  /** Continuation bytes still expected for the current character. */
  private needed = 0;
  /** The range the next continuation byte must fall in (narrower after E0, ED, F0, F4). */
  private low = 0x80;
  private high = 0xbf;
  private failed = false;

  /** Feeds one byte; false once the bytes so far cannot start valid UTF-8 (and ever after). */
  push(byte: number): boolean {
    if (this.failed) return false;
    if (this.needed > 0) {
      if (byte < this.low || byte > this.high) {
        this.failed = true;
        return false;
      }
      this.needed--;
      this.low = 0x80;
      this.high = 0xbf;
      return true;
    }
    if (byte <= 0x7f) return true;
    if (byte >= 0xc2 && byte <= 0xdf) this.needed = 1;
    else if (byte >= 0xe0 && byte <= 0xef) {
      this.needed = 2;
      if (byte === 0xe0) this.low = 0xa0;
      if (byte === 0xed) this.high = 0x9f;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      this.needed = 3;
      if (byte === 0xf0) this.low = 0x90;
      if (byte === 0xf4) this.high = 0x8f;
    } else {
      this.failed = true;
      return false;
    }
    return true;
  }

  /** True when the bytes so far are valid and end on a character boundary. */
  get complete(): boolean {
    return !this.failed && this.needed === 0;
  }
}

/** The index of the first byte after which `bytes` cannot be valid UTF-8, -1 if none; `complete` if it ends on a boundary. */
export function utf8Check(bytes: Uint8Array): { readonly invalidAt: number; readonly complete: boolean } {
  const validator = new Utf8Validator();
  for (let i = 0; i < bytes.length; i++) if (!validator.push(bytes[i]!)) return { invalidAt: i, complete: false };
  return { invalidAt: -1, complete: validator.complete };
}
