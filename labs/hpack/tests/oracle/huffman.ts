/**
 * The tests' Huffman code (RFC 7541 §5.2, Appendix B), written bit by bit
 * and looked up by (length, code) pairs: slow and plain, for expected
 * bytes and for judging the learner's decoder. Hidden tests only.
 */
import { HUFFMAN_CODES } from "#labs/hpack/huffman-table.ts";

const EOS = 256;
/** (bits, code) → symbol, keyed bits · 2^32 + code. */
const CODES = new Map(HUFFMAN_CODES.map(([code, bits], symbol) => [bits * 2 ** 32 + code, symbol]));

/** The code of `data`, most significant bit first, padded with ones. */
export function huffman(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  // Pending bits as a number below 2^38 (at most 7 left over + a 30-bit code): exact in a double.
  let pending = 0;
  let count = 0;
  for (const byte of data) {
    const [code, length] = HUFFMAN_CODES[byte]!;
    pending = pending * 2 ** length + code;
    count += length;
    while (count >= 8) {
      count -= 8;
      const top = Math.floor(pending / 2 ** count);
      out.push(top);
      pending -= top * 2 ** count;
    }
  }
  if (count > 0) out.push(pending * 2 ** (8 - count) + (2 ** (8 - count) - 1));
  return Uint8Array.from(out);
}

/** The code's bits without padding. */
export function huffmanBits(data: Uint8Array): number[] {
  const bits: number[] = [];
  for (const byte of data) {
    const [code, length] = HUFFMAN_CODES[byte]!;
    for (let i = length - 1; i >= 0; i--) bits.push(Math.floor(code / 2 ** i) % 2);
  }
  return bits;
}

/** Bits (a multiple of 8) as bytes. */
export function packBits(bits: readonly number[]): Uint8Array {
  return Uint8Array.from({ length: bits.length / 8 }, (_, i) => bits.slice(8 * i, 8 * i + 8).reduce((n, b) => n * 2 + b, 0));
}

/** The octets, or why the bytes are not a valid Huffman string (§5.2). */
export function unhuffman(body: Uint8Array): Uint8Array | { error: string } {
  const out: number[] = [];
  let code = 0;
  let bits = 0;
  for (const byte of body) {
    for (let i = 7; i >= 0; i--) {
      code = code * 2 + ((byte >> i) & 1);
      bits++;
      const symbol = CODES.get(bits * 2 ** 32 + code);
      if (symbol === EOS) return { error: "EOS inside the string" };
      if (symbol !== undefined) {
        out.push(symbol);
        code = 0;
        bits = 0;
      }
    }
  }
  if (bits > 7) return { error: `padding of ${bits} bits (more than 7)` };
  if (code !== 2 ** bits - 1) return { error: "padding that is not all ones" };
  return Uint8Array.from(out);
}
