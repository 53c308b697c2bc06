/**
 * 64-bit FNV-1a (Fowler, Noll and Vo), computed over UTF-16 code units
 * (bytes, for ASCII text). Used to fingerprint traces and to name random
 * streams. The 64-bit state is kept as two 32-bit halves so hashing long
 * traces stays fast without BigInt.
 */
export class Fnv1a64 {
  private high = 0xcbf29ce4;
  private low = 0x84222325;

  /** Feeds the code units of `text` into the hash. */
  update(text: string): this {
    let high = this.high;
    let low = this.low;
    for (let i = 0; i < text.length; i++) {
      low ^= text.charCodeAt(i);
      high = multipliedHigh(high, low);
      low = multipliedLow(low);
    }
    this.high = high;
    this.low = low;
    return this;
  }

  /** Feeds `bytes` into the hash, as `update` would a text of one code unit per byte (without making the text). */
  updateBytes(bytes: Uint8Array): this {
    let high = this.high;
    let low = this.low;
    for (let i = 0; i < bytes.length; i++) {
      low ^= bytes[i]!;
      high = multipliedHigh(high, low);
      low = multipliedLow(low);
    }
    this.high = high;
    this.low = low;
    return this;
  }

  /** The hash as 16 hexadecimal digits. */
  hex(): string {
    return this.high.toString(16).padStart(8, "0") + (this.low >>> 0).toString(16).padStart(8, "0");
  }

  /** The hash as an unsigned 64-bit BigInt. */
  bigint(): bigint {
    return (BigInt(this.high) << 32n) | BigInt(this.low >>> 0);
  }
}

/*
 * Multiplying the state (high, low) by the prime 2^40 + 0x1b3 modulo 2^64,
 * in 16-bit pieces so every intermediate product is exact in a double.
 */

function multipliedHigh(high: number, low: number): number {
  const productLow = (low & 0xffff) * 0x1b3;
  const carry = Math.floor(((low >>> 16) * 0x1b3 + (productLow >>> 16)) / 0x10000);
  return (Math.imul(high, 0x1b3) + (low << 8) + carry) >>> 0;
}

function multipliedLow(low: number): number {
  const productLow = (low & 0xffff) * 0x1b3;
  const productMiddle = (low >>> 16) * 0x1b3 + (productLow >>> 16);
  return (((productMiddle & 0xffff) << 16) | (productLow & 0xffff)) >>> 0;
}
