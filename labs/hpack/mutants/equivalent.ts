/**
 * Generated mutants of solution.ts that cannot change what any caller sees
 * (`npm run mutation -- hpack`), each with the reason.
 */
import { defineEquivalents } from "#labs/kit/mutant-edits.ts";

const bitsAboveTheByte =
  "huffmanEncode keeps bits in a number and returns Uint8Array.from(out), which keeps only the low 8 bits of each value; " +
  "a different start or a missing reset only changes bits that are shifted above bit 7 before the byte is pushed";
const rootIsNoLeaf = "huffmanDecode reads node.symbol only after stepping to a child, so the root's symbol is never read";

export default defineEquivalents([
  { original: "let current = 0;", mutated: "let current = (1);", reason: bitsAboveTheByte },
  { original: "let current = 0;", mutated: "let current = (-1);", reason: bitsAboveTheByte },
  { original: "current = 0;", mutated: "", reason: bitsAboveTheByte },
  { original: "current = 0;", mutated: "current = (1);", reason: bitsAboveTheByte },
  { original: "current = 0;", mutated: "current = (-1);", reason: bitsAboveTheByte },
  {
    original: "if (bits > 0) out.push((current << (8 - bits)) | (0xff >> bits));",
    mutated: "if (bits > 0) out.push((current << (8 - bits)) | ((254) >> bits));",
    reason: "bits is at least 1 here, and 0xff >> bits equals 0xfe >> bits for every bits ≥ 1 (the low bit is shifted out)",
  },
  {
    original: "if (bits > 0) out.push((current << (8 - bits)) | (0xff >> bits));",
    mutated: "if (bits > 0) out.push((current << (8 - bits)) | (0xff >>> bits));",
    reason: ">> and >>> agree on a non-negative number (0xff)",
  },
  { original: "const root: HuffmanNode = { symbol: -1, children: [undefined, undefined] };", mutated: "const root: HuffmanNode = { symbol: (0), children: [undefined, undefined] };", reason: rootIsNoLeaf },
  { original: "const root: HuffmanNode = { symbol: -1, children: [undefined, undefined] };", mutated: "const root: HuffmanNode = { symbol: (-2), children: [undefined, undefined] };", reason: rootIsNoLeaf },
  {
    original: "const bit = (code >>> i) & 1;",
    mutated: "const bit = (code >> i) & 1;",
    reason: "every Huffman code is below 2^30, so >> and >>> shift in the same zero bits",
  },
  {
    original: "node = node.children[bit] ??= { symbol: -1, children: [undefined, undefined] };",
    mutated: "node = node.children[bit] ??= { symbol: (-2), children: [undefined, undefined] };",
    reason: "an inner node's symbol is only compared with EOS (256) and with >= 0; -1 and -2 answer both the same",
  },
  {
    original: "let pending = 0; // bits read since the last symbol",
    mutated: "let pending = (1); // bits read since the last symbol",
    reason: "pending is reset at every symbol; without one, a non-empty input has read 8+ bits (an error at 8 or 9) and an empty one 0 or 1 (fine at both)",
  },
  {
    original: "current = (current << 1) | ((code >>> i) & 1);",
    mutated: "current = (current << 1) | ((code >> i) & 1);",
    reason: "Huffman codes are at most 30 bits (RFC 7541 Appendix B), so code is a non-negative 32-bit integer and >> and >>> agree.",
  },
  {
    original: "const bit = (byte >> i) & 1;",
    mutated: "const bit = (byte >>> i) & 1;",
    reason: "byte is 0..255, never negative, so >> and >>> agree.",
  },
  {
    original: "if (child === undefined) throw new HpackError(\"invalid Huffman code\");",
    mutated: "if (false) throw new HpackError(\"invalid Huffman code\");",
    reason: "RFC 7541's Huffman code is complete (its Kraft sum is 1, EOS included), so every internal node of the tree has both children and child is never undefined.",
  },
  {
    original: "const body = bytes.subarray(start, start + length);",
    mutated: "const body = bytes.slice(start, start + length);",
    reason: "body is only read (decoded into a string), so a copy and a view give the same result.",
  },
  {
    original: "if (this.#smallestSize < this.table.maxSize) parts.push(encodeInteger(this.#smallestSize, 5, 0x20));",
    mutated: "if (this.#smallestSize < this.table.maxSize) parts.unshift(encodeInteger(this.#smallestSize, 5, 0x20));",
    reason: "parts is still empty at this point of encode(), so push and unshift put the smallest size update first either way.",
  },
  {
    original: "return { index: 0, nameIndex };",
    mutated: "return { index: (-1), nameIndex };",
    reason: "the only reader tests index > 0, which 0 and -1 both fail.",
  },
]);
